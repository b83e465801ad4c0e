import { LEVEL_CLASSES, NOT_CONFIGURED, UNKNOWN } from '../lib/guards.js'
import { age } from '../lib/format.js'

/**
 * A telemetry card: the number coloured by the API's verdict on it (see judgeCard), the bound it was judged against
 * as a caption, and a "required" marker when its unknown state alone makes the guards breach. An unknown metric is
 * greyed with its age and the API's reason on hover, never shown as live. A metric the instrument's venues do not
 * carry reads "not configured": nothing watches it, so it has no age and is not stale.
 */
export function Card({ title, icon: Icon, value, sub, verdict, ageMs, children }) {
  const { level, note, caption, required } = verdict
  const unknown = level === UNKNOWN
  const absent = level === NOT_CONFIGURED
  return (
    <div data-testid={`card-${title}`} data-level={level} data-required={required} title={note ?? undefined}
      className={`rounded-xl border border-zinc-800 bg-zinc-900/80 p-4 shadow-sm ${unknown || absent ? 'opacity-60' : ''}`}>
      <div className="flex items-center justify-between text-xs uppercase tracking-wide text-zinc-400">
        <span className="flex items-center gap-2">
          {Icon ? <Icon size={14} /> : null}{title}
          {required ? <span data-testid="required" className="rounded border border-zinc-600 px-1 text-[10px] normal-case text-zinc-300">required</span> : null}
        </span>
        <span className="font-mono normal-case">{absent ? '' : unknown ? `unknown · ${age(ageMs)}` : age(ageMs)}</span>
      </div>
      <div className={`mt-2 font-mono text-2xl font-semibold ${LEVEL_CLASSES[level]}`}>{absent ? 'not configured' : unknown ? 'no live data' : value}</div>
      {sub && !absent ? <div className="mt-1 font-mono text-xs text-zinc-400">{sub}</div> : null}
      {children}
      <div data-testid="threshold" className="mt-1 font-mono text-[11px] text-zinc-500">{caption}</div>
    </div>
  )
}

export function Skeleton({ className = 'h-24' }) {
  return <div className={`animate-pulse rounded-xl bg-zinc-800/60 ${className}`} />
}
