import { useMemo, useState } from 'react'
import { age, hhmm } from '../lib/format.js'
import { historySegments, notPassing } from '../lib/history.js'

const FILL = { pass: 'bg-pass', warn: 'bg-warn', breach: 'bg-alert', unknown: 'bg-zinc-700' }
const TEXT = { pass: 'text-pass', warn: 'text-warn', breach: 'text-alert', unknown: 'text-zinc-500', not_configured: 'text-zinc-500' }

/**
 * What the guards said over the last hours, from the decision log: one segment per run of decisions that said the
 * same thing, coloured by status (grey before the window's first decision: not known, not a guessed pass). A click
 * or tap on a segment shows that decision: its time, warnings, the metrics not passing and the input ages.
 */
/** The windows a trader can pick: the last hour reads a fresh breach, a day the pattern. */
export const HISTORY_WINDOWS = [1, 6, 24]

export function GuardHistory({ history, loading, hours, now, onHours }) {
  const [picked, setPicked] = useState(null)
  // The strip moves in 10 s steps (about a pixel of 6 h): the segments are not rebuilt on every guards answer.
  const to = Math.floor((now ?? Date.now()) / 10_000) * 10_000
  const from = to - hours * 3_600_000
  const segments = useMemo(() => historySegments(history?.decisions, from, to), [history, from, to])
  const span = Math.max(1, to - from)
  const selected = picked === null ? null : segments.find((s) => s.decision?.ts === picked)
  const breaches = segments.filter((s) => s.level === 'breach').length
  return (
    <section data-testid="guard-history" data-symbol={history?.symbol ?? ''} data-breaches={breaches}
      className="min-w-0 rounded-xl border border-zinc-800 bg-zinc-900/80 p-4">
      <div className="mb-2 flex items-baseline justify-between text-xs uppercase tracking-wide text-zinc-400">
        <h2>Guard status, last {hours} h</h2>
        <span className="flex items-baseline gap-2 font-mono normal-case text-zinc-500">
          {loading ? 'loading…' : history ? `${history.decisions.length} decision${history.decisions.length === 1 ? '' : 's'}${history.truncated ? ' (newest only)' : ''}` : ''}
          {onHours ? HISTORY_WINDOWS.map((h) => (
            <button type="button" key={h} data-testid={`history-hours-${h}`} aria-pressed={h === hours} onClick={() => onHours(h)}
              className={`rounded border px-1.5 ${h === hours ? 'border-zinc-400 text-zinc-100' : 'border-zinc-700 text-zinc-500 hover:text-zinc-300'}`}>{h} h</button>
          )) : null}
        </span>
      </div>
      <div className={`relative h-6 w-full overflow-hidden rounded bg-zinc-800 ${loading ? 'animate-pulse' : ''}`} role="list" aria-busy={loading}>
        {loading ? null : segments.map((s) => (
          <button type="button" role="listitem" key={`${s.start}-${s.level}`} data-testid="history-segment" data-status={s.status ?? 'unknown'}
            data-ts={s.decision?.ts ?? ''} disabled={!s.decision}
            title={s.decision ? `${s.status} from ${hhmm(s.start)} UTC${s.count > 1 ? ` (${s.count} decisions)` : ''}` : 'no decision logged'}
            onClick={() => setPicked(s.decision ? s.decision.ts : null)}
            className={`absolute top-0 h-full ${FILL[s.level]} ${s.decision ? 'cursor-pointer hover:brightness-125' : ''} ${picked !== null && s.decision?.ts === picked ? 'ring-2 ring-zinc-100' : ''}`}
            style={{ left: `${((s.start - from) / span) * 100}%`, width: `max(3px, ${((s.end - s.start) / span) * 100}%)` }} />
        ))}
      </div>
      <div className="mt-1 flex justify-between font-mono text-[10px] text-zinc-500">
        <span>{hhmm(from)}</span><span>{hhmm(to)} UTC</span>
      </div>
      {selected ? <Decision segment={selected} /> : <p className="mt-1 text-xs text-zinc-500">tap a segment for its warnings and input ages</p>}
    </section>
  )
}

function Decision({ segment }) {
  const d = segment.decision
  const states = notPassing(d.states)
  const ages = Object.entries(d.ages_ms ?? {})
  return (
    <div data-testid="history-detail" data-status={d.status} className="mt-2 space-y-1 font-mono text-xs">
      <div className={TEXT[segment.level]}>
        {d.status.toUpperCase()} · {new Date(d.ts).toISOString().slice(11, 19)} UTC · data {d.data_source}
        {segment.count > 1 ? <span className="text-zinc-500"> · {segment.count} decisions alike</span> : null}
      </div>
      {d.warnings.length ? (
        <ul className="list-disc space-y-0.5 pl-5 text-zinc-300">{d.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
      ) : <p className="text-zinc-500">no warnings</p>}
      {states.length ? (
        <div className="flex flex-wrap gap-x-3">
          {states.map(({ metric, state }) => (
            <span key={metric} data-metric={metric} data-state={state} className={TEXT[state] ?? 'text-zinc-400'}>● {metric} {state.replace('_', ' ')}</span>
          ))}
        </div>
      ) : null}
      {ages.length ? (
        <div data-testid="history-ages" className="flex flex-wrap gap-x-3 text-zinc-500">
          {ages.map(([metric, ms]) => <span key={metric}>{metric} {ms === null ? 'no data' : age(ms)}</span>)}
        </div>
      ) : null}
    </div>
  )
}
