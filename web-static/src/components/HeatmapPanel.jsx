import { useState } from 'react'
import { usePoll } from '../lib/usePoll.js'
import { Timed } from '../lib/Timed.jsx'
import { onchainView } from '../lib/onchain.js'
import { onchainFor } from '../lib/instrument.js'
import { RANGES, rangeFromSearch, searchWithRange } from '../lib/heatmap.js'
import { LiqHeatmap } from './LiqHeatmap.jsx'
import { Skeleton } from './Card.jsx'

const search = () => (typeof window === 'undefined' ? '' : window.location.search)

/**
 * The liquidation heatmap's card: its range selector (1–24 h, kept in the URL as `?hours=`, every other parameter
 * left as it is), the heatmap of {@code symbol} (the API's default instrument when absent), the on-chain levels
 * beside it (only on the instrument the scan covers), and the on-chain map's state in words when it is not live.
 * Nothing is asked before {@code ready} (the instrument list or the URL named the instrument).
 */
export function HeatmapPanel({ symbol, instrument, ready = true }) {
  const [hours, setHours] = useState(() => rangeFromSearch(search()))
  const query = `hours=${hours}${symbol ? `&symbol=${encodeURIComponent(symbol)}` : ''}`
  const heatmap = usePoll(ready ? `/api/market/liq_heatmap?${query}` : null, hours <= 1 ? 1000 : 5000, true)
  const onchain = usePoll('/api/onchain/liq-map?max_distance_bps=600&limit=5000', 60_000)
  const own = instrument ? onchainFor(instrument, onchain.data) : { map: onchain.data, note: null }
  const chain = onchainView(own.map)
  const choose = (h) => {
    setHours(h)
    if (typeof window !== 'undefined') {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${searchWithRange(window.location.search, h)}${window.location.hash}`)
    }
  }
  const shown = heatmap.data?.hours
  return (
    <>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-xs uppercase tracking-wide text-zinc-400">
          Liquidations, last {hours === 1 ? 'hour' : `${hours} h`} (± 5 % of price)
          {heatmap.data && shown !== hours ? <span className="ml-2 normal-case text-zinc-500">loading…</span> : null}
        </h2>
        <div role="group" aria-label="time range" data-testid="heatmap-range" className="flex overflow-hidden rounded-md border border-zinc-700 font-mono text-xs">
          {RANGES.map((h) => (
            <button key={h} type="button" data-hours={h} aria-pressed={h === hours} onClick={() => choose(h)}
              className={`px-2 py-0.5 ${h === hours ? 'bg-zinc-200 text-zinc-900' : 'text-zinc-400 hover:bg-zinc-800'}`}>{h} h</button>
          ))}
        </div>
      </div>
      {chain.note && !chain.live ? (
        <p data-testid="onchain-state" data-state={onchain.data?.state ?? 'stale'}
          className="mb-2 rounded-md border border-alert/60 bg-alert/10 px-2 py-1 text-xs text-alert">{chain.note}</p>
      ) : null}
      {heatmap.loading ? <Skeleton className="h-80" /> : <Timed name="LiqHeatmap"><LiqHeatmap map={heatmap.data} onchain={chain.entries} symbol={symbol} /></Timed>}
      {heatmap.error ? <p className="mt-1 text-xs text-alert">{heatmap.error.message}</p> : null}
      {onchain.error ? (
        <p className="mt-1 text-xs text-zinc-500">{onchain.error.status === 503 ? 'no on-chain scan yet' : onchain.error.message}</p>
      ) : null}
      {own.note ? <p data-testid="onchain-other" className="mt-1 text-xs text-zinc-500">{own.note}</p> : null}
      {chain.note && chain.live ? (
        <p data-testid="onchain-state" data-state="live" className="mt-1 text-xs text-zinc-500">{chain.note}</p>
      ) : null}
    </>
  )
}
