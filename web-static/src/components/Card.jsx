import { LEVEL_CLASSES, STALE } from '../lib/thresholds.js'
import { age } from '../lib/format.js'

/** A telemetry card: the number coloured by its level; a missing metric is greyed with its age, never shown as live. */
export function Card({ title, icon: Icon, value, sub, level, ageMs }) {
  const stale = level === STALE
  return (
    <div data-testid={`card-${title}`} data-level={level}
      className={`rounded-xl border border-zinc-800 bg-zinc-900/80 p-4 shadow-sm ${stale ? 'opacity-60' : ''}`}>
      <div className="flex items-center justify-between text-xs uppercase tracking-wide text-zinc-400">
        <span className="flex items-center gap-2">{Icon ? <Icon size={14} /> : null}{title}</span>
        <span className="font-mono normal-case">{stale ? `stale · ${age(ageMs)}` : age(ageMs)}</span>
      </div>
      <div className={`mt-2 font-mono text-2xl font-semibold ${LEVEL_CLASSES[level]}`}>{stale ? 'no live data' : value}</div>
      {sub ? <div className="mt-1 font-mono text-xs text-zinc-400">{sub}</div> : null}
    </div>
  )
}

export function Skeleton({ className = 'h-24' }) {
  return <div className={`animate-pulse rounded-xl bg-zinc-800/60 ${className}`} />
}
