import { describe, expect, it } from 'vitest'
import { LIMIT, recordRender, takeRenderTimings } from './renderTimings.js'

/** Enough of the Performance API: measures by name, cleared by name. */
function fakePerformance() {
  let entries = []
  return {
    measure: (name, { duration }) => entries.push({ name, duration }),
    getEntriesByType: (type) => (type === 'measure' ? [...entries] : []),
    clearMeasures: (name) => { entries = entries.filter((e) => e.name !== name) },
    clearMarks: () => {},
    count: () => entries.length,
    add: (name) => entries.push({ name, duration: 1 }),
  }
}

describe('render timings', () => {
  it('are cleared once read', () => {
    const perf = fakePerformance()
    recordRender(perf, 'OiChart', 0, 2)
    recordRender(perf, 'OiChart', 5, 3)
    recordRender(perf, 'LiqHeatmap', 9, 7)
    expect(takeRenderTimings(perf)).toEqual({ 'render:OiChart': [2, 3], 'render:LiqHeatmap': [7] })
    expect(perf.count()).toBe(0)
    expect(takeRenderTimings(perf)).toEqual({})
  })

  it('leave other measures alone', () => {
    const perf = fakePerformance()
    perf.add('app:boot')
    recordRender(perf, 'OiChart', 0, 2)
    takeRenderTimings(perf)
    expect(perf.getEntriesByType('measure').map((m) => m.name)).toEqual(['app:boot'])
  })

  it('stop piling up in a tab nobody reads', () => {
    const perf = fakePerformance()
    for (let i = 0; i < LIMIT + 10; i++) recordRender(perf, 'TelemetryCards', i, 1)
    expect(perf.count()).toBeLessThanOrEqual(LIMIT)
  })
})
