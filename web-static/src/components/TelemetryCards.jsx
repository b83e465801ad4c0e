import { Activity, ArrowLeftRight, Flame, Layers, Percent, Scale } from 'lucide-react'
import { Card } from './Card.jsx'
import { bps, liquidationCount, percent, usd } from '../lib/format.js'
import { basisLevel, depthLevel, fundingLevel, liquidationsLevel, spreadLevel } from '../lib/thresholds.js'

export function TelemetryCards({ guards }) {
  const a = guards?.ages_ms ?? {}
  const depth = guards?.depth_10bps ?? {}
  return (
    <section className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
      <Card title="Spread" icon={ArrowLeftRight} value={bps(guards?.spread_bps)} level={spreadLevel(guards?.spread_bps)} ageMs={a.spread_bps} />
      <Card title="Depth 10 bps" icon={Layers} value={`${usd(depth.bid_usd)} / ${usd(depth.ask_usd)}`} sub="bid / ask"
        level={depthLevel(depth.bid_usd, depth.ask_usd)} ageMs={a.depth_10bps} />
      <Card title="Funding APR" icon={Percent} value={percent(guards?.funding_apr)} level={fundingLevel(guards?.funding_apr)} ageMs={a.funding_apr} />
      <Card title="Basis" icon={Scale} value={bps(guards?.basis_bps)} sub={`OKX only ${bps(guards?.basis_okx_bps)}`}
        level={basisLevel(guards?.basis_bps)} ageMs={a.basis_bps} />
      <Card title="Open interest" icon={Activity} value={usd(guards?.oi_notional)} level={typeof guards?.oi_notional === 'number' ? 'pass' : 'stale'} ageMs={a.oi_notional} />
      <Card title="Liquidations 5 min" icon={Flame} value={liquidationCount(guards?.liq_events_5m)} level={liquidationsLevel(guards?.liq_events_5m)} ageMs={a.liq_events_5m} />
    </section>
  )
}
