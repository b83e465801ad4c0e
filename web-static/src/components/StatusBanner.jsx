import { ShieldAlert, ShieldCheck, ShieldQuestion, ShieldX } from 'lucide-react'
import { BREACH, LEVEL_CLASSES, PASS, WARN, judgeCard, statusLevel } from '../lib/guards.js'

const BANNER = {
  [PASS]: { icon: ShieldCheck, colour: 'border-pass/60 text-pass' },
  [WARN]: { icon: ShieldAlert, colour: 'border-warn/60 text-warn' },
  [BREACH]: { icon: ShieldX, colour: 'border-alert/70 bg-alert/10 text-alert' },
}
const UNKNOWN_BANNER = { icon: ShieldQuestion, colour: 'border-zinc-700 text-zinc-400' }

/** The guards' verdict, the required metrics behind it, and its warnings: the first thing a trader reads. */
export function StatusBanner({ guards, thresholds }) {
  const status = guards?.status ?? 'unknown'
  const { icon: Icon, colour } = BANNER[statusLevel(status)] ?? UNKNOWN_BANNER
  return (
    <section data-testid="status" data-status={status} className={`rounded-xl border bg-zinc-900 p-4 ${colour}`}>
      <div className="flex flex-wrap items-center gap-3">
        <Icon size={22} />
        <span className="font-mono text-xl font-semibold uppercase">{status}</span>
        <span className="font-mono text-sm text-zinc-400">data {guards?.data_source ?? '—'}</span>
      </div>
      <RequiredMetrics guards={guards} thresholds={thresholds} />
      {guards?.warnings?.length ? (
        <ul className="mt-2 list-disc space-y-0.5 pl-6 text-sm text-zinc-300">
          {guards.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      ) : null}
    </section>
  )
}

/** Each required metric with its level: any of them unknown is a breach on its own, so they are named here. */
function RequiredMetrics({ guards, thresholds }) {
  const required = guards?.required ?? []
  if (!required.length) return null
  return (
    <div data-testid="required-metrics" className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 font-mono text-xs">
      <span className="text-zinc-500">required</span>
      {required.map((metric) => {
        const { level, note } = judgeCard(metric, guards, thresholds)
        return <span key={metric} data-metric={metric} data-level={level} title={note ?? undefined} className={LEVEL_CLASSES[level]}>● {metric}</span>
      })}
    </div>
  )
}
