import { Clock, Crosshair, Gauge, Layers, Percent, Scale } from 'lucide-react'
import { Card } from './Card.jsx'
import { bps, percent, usd } from '../lib/format.js'
import { judgeCard } from '../lib/guards.js'

const slots = (v) => (Number.isFinite(v) ? `${v} slots` : '—')

/**
 * Velocity, the venue the engine trades on: its book, oracle, funding and its basis against Binance. These metrics
 * exist only in the guards answer's per-metric map (not as flat fields); each card follows the same rules as the
 * others (judgeCard): coloured by the API's state against the loaded thresholds, greyed with its age when unknown,
 * "not configured" for an instrument Velocity does not list.
 */
export const VELOCITY_CARDS = [
  { metric: 'velocity_spread_bps', title: 'Velocity spread', icon: Crosshair, format: bps },
  { metric: 'velocity_depth_10bps', title: 'Velocity depth 10 bps', icon: Layers, format: usd, sub: 'thinner side' },
  { metric: 'velocity_oracle_age_slots', title: 'Oracle age', icon: Clock, format: slots },
  { metric: 'velocity_mark_oracle_bps', title: 'Mark − oracle', icon: Gauge, format: bps },
  { metric: 'velocity_funding_apr', title: 'Velocity funding APR', icon: Percent, format: percent, sub: 'last settled hourly rate' },
  { metric: 'basis_velocity_bps', title: 'Basis vs Binance', icon: Scale, format: bps, sub: 'Velocity mid − Binance' },
]

export function VelocityCards({ guards, thresholds }) {
  const g = guards?.guards ?? {}
  return (
    <section data-testid="velocity-cards">
      <h2 className="mb-2 text-xs uppercase tracking-wide text-zinc-400">Velocity</h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {VELOCITY_CARDS.map(({ metric, title, icon, format, sub }) => (
          <Card key={metric} title={title} icon={icon} value={format(g[metric]?.value)} sub={sub}
            verdict={judgeCard(metric, guards, thresholds)} ageMs={g[metric]?.age_ms ?? guards?.ages_ms?.[metric]} />
        ))}
      </div>
    </section>
  )
}
