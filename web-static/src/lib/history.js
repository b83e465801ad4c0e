// The guard history strip: the decision log (GET /api/engine/guards/history) as coloured segments over a window.
// A decision holds until the next one; the log writes every change of status and, while in breach, at most one
// answer a second, so runs of decisions that say the same thing (same status, same metrics failing the same way) are
// merged into one segment (the first decision of the run stands for it, with how many it covers).

/** Decision status → strip level; anything else (a status this build does not know) is unknown. */
export function historyLevel(status) {
  if (status === 'passing') return 'pass'
  if (status === 'warning') return 'warn'
  if (status === 'breach') return 'breach'
  return 'unknown'
}

/** Same status, and the same metrics not passing in the same states (warnings carry values that change each second). */
const sameSay = (a, b) => a.status === b.status && signature(a) === signature(b)
const signature = (d) => notPassing(d.states).map(({ metric, state }) => `${metric}:${state}`).join(',')

/**
 * Segments over [fromMs, toMs]: {start, end, level, status, decision, count}. Before the window's first decision the
 * status is not known (an "unknown" gap, not a guessed pass). Decisions outside the window or out of order are
 * clipped to it.
 */
export function historySegments(decisions, fromMs, toMs) {
  const sorted = (decisions ?? []).filter((d) => Number.isFinite(d?.ts) && d.ts <= toMs)
    .map((d) => ({ ...d, warnings: d.warnings ?? [] }))
    .sort((a, b) => a.ts - b.ts)
  const runs = []
  for (const d of sorted) {
    const last = runs[runs.length - 1]
    if (last && sameSay(last.decision, d)) last.count += 1
    else runs.push({ decision: d, count: 1 })
  }
  const segments = []
  if (!runs.length || runs[0].decision.ts > fromMs) {
    segments.push({ start: fromMs, end: runs.length ? Math.max(fromMs, runs[0].decision.ts) : toMs, level: 'unknown', status: null, decision: null, count: 0 })
  }
  runs.forEach((run, i) => {
    const start = Math.max(fromMs, run.decision.ts)
    const end = i + 1 < runs.length ? Math.max(fromMs, runs[i + 1].decision.ts) : toMs
    if (end <= start && i + 1 < runs.length) return
    segments.push({ start, end: Math.max(start, end), level: historyLevel(run.decision.status), status: run.decision.status, decision: run.decision, count: run.count })
  })
  return segments
}

/** A decision's non-passing metric states, worst first: what a trader looks at when a segment is red. */
export function notPassing(states) {
  const rank = { breach: 0, unknown: 1, warn: 2, not_configured: 3 }
  return Object.entries(states ?? {})
    .filter(([, s]) => s !== 'pass')
    .sort(([am, a], [bm, b]) => (rank[a] ?? 9) - (rank[b] ?? 9) || am.localeCompare(bm))
    .map(([metric, state]) => ({ metric, state }))
}
