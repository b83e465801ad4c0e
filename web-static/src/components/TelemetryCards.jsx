import { Activity, ArrowLeftRight, Flame, Layers, Percent, Scale } from 'lucide-react'
import { Card } from './Card.jsx'
import { LiqVenues } from './LiqVenues.jsx'
import { bps, liquidationCount, percent, usd } from '../lib/format.js'
import { judgeCard } from '../lib/guards.js'

/** One card per guarded market metric, each judged by the API (see judgeCard). */
export function TelemetryCards({ guards, thresholds }) {
  const a = guards?.ages_ms ?? {}
  const depth = guards?.depth_10bps ?? {}
  const verdict = (metric) => judgeCard(metric, guards, thresholds)
  const countedMax = thresholds?.liq_counted_max
  return (
    <section className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
      <Card title="Spread" icon={ArrowLeftRight} value={bps(guards?.spread_bps)} verdict={verdict('spread_bps')} ageMs={a.spread_bps} />
      <Card title="Depth 10 bps" icon={Layers} value={`${usd(depth.bid_usd)} / ${usd(depth.ask_usd)}`} sub="bid / ask"
        verdict={verdict('depth_10bps')} ageMs={a.depth_10bps} />
      <Card title="Funding APR" icon={Percent} value={percent(guards?.funding_apr)} verdict={verdict('funding_apr')} ageMs={a.funding_apr} />
      <Card title="Basis" icon={Scale} value={bps(guards?.basis_bps)} sub={`OKX only ${bps(guards?.basis_okx_bps)}`}
        verdict={verdict('basis_bps')} ageMs={a.basis_bps} />
      <Card title="Open interest" icon={Activity} value={usd(guards?.oi_notional)} verdict={verdict('oi_notional')} ageMs={a.oi_notional} />
      <Card title="Liquidations 5 min" icon={Flame} value={liquidationCount(guards?.liq_events_5m, countedMax)}
        verdict={verdict('liq_events_5m')} ageMs={a.liq_events_5m}>
        <LiqVenues byVenue={guards?.liq_events_5m_by_venue} countedMax={countedMax} />
      </Card>
    </section>
  )
}
