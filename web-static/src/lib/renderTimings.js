// Render timings as Performance API measures (`render:<component>`), written by <Timed> — only React's profiling
// build calls it (the local cloud's; the production build never does). Whoever reads them takes them: the measures
// are cleared once read, and a tab nobody reads stops at LIMIT, so a long-lived tab never piles them up.
export const PREFIX = 'render:'
export const LIMIT = 20_000

const names = new Set()
let recorded = 0

export function recordRender(perf, id, startTime, duration) {
  if (!perf?.measure) return
  if (recorded >= LIMIT) clear(perf)
  const name = PREFIX + id
  perf.measure(name, { start: startTime, duration })
  names.add(name)
  recorded++
}

/** Every render recorded since the last take, as {name: [durations]}; then clears them. */
export function takeRenderTimings(perf) {
  const by = {}
  if (!perf?.getEntriesByType) return by
  for (const m of perf.getEntriesByType('measure')) {
    if (m.name.startsWith(PREFIX)) (by[m.name] ??= []).push(m.duration)
  }
  clear(perf)
  return by
}

function clear(perf) {
  for (const name of names) {
    perf.clearMeasures?.(name)
    perf.clearMarks?.(name)
  }
  names.clear()
  recorded = 0
}
