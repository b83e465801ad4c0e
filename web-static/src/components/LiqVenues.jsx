import { liquidationCount } from '../lib/format.js'

/**
 * The liquidation count per venue. A venue that is not connected has no count (unknown, not 0); a sampled venue
 * (Binance pushes at most one liquidation per symbol per second) counts a floor, so it says so.
 */
export function LiqVenues({ byVenue, countedMax }) {
  const venues = Object.entries(byVenue ?? {})
  if (!venues.length) return null
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 font-mono text-xs text-zinc-400">
      {venues.map(([venue, v]) => (
        <li key={venue} data-testid={`liq-venue-${venue}`} data-connected={v.connected}>
          {venue}{' '}
          {v.connected ? <span className="text-zinc-200">{liquidationCount(v.count, countedMax)}</span> : <span className="text-zinc-500">not connected</span>}
          {v.sampled ? <span className="text-zinc-500" title="the venue pushes a sample of its liquidations: its count is a floor"> sampled</span> : null}
        </li>
      ))}
    </ul>
  )
}
