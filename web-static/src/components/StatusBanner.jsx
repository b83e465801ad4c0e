import { ShieldAlert, ShieldCheck, ShieldQuestion } from 'lucide-react'

/** The guards' verdict and its warnings: the first thing a trader reads. */
export function StatusBanner({ guards }) {
  const status = guards?.status ?? 'unknown'
  const passing = status === 'passing'
  const Icon = passing ? ShieldCheck : status === 'unknown' ? ShieldQuestion : ShieldAlert
  const colour = passing ? 'border-pass/60 text-pass' : 'border-alert/60 text-alert'
  return (
    <section data-testid="status" data-status={status} className={`rounded-xl border bg-zinc-900 p-4 ${colour}`}>
      <div className="flex flex-wrap items-center gap-3">
        <Icon size={22} />
        <span className="font-mono text-xl font-semibold uppercase">{status}</span>
        <span className="font-mono text-sm text-zinc-400">data {guards?.data_source ?? '—'}</span>
      </div>
      {guards?.warnings?.length ? (
        <ul className="mt-2 list-disc space-y-0.5 pl-6 text-sm text-zinc-300">
          {guards.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      ) : null}
    </section>
  )
}
