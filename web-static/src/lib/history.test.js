import { describe, expect, it } from 'vitest'
import { historyLevel, historySegments, notPassing } from './history.js'

const d = (ts, status, warnings = [], extra = {}) => ({ ts, seq: ts, status, warnings, ages_ms: {}, states: {}, ...extra })

describe('historySegments', () => {
  it('is one unknown segment without decisions', () => {
    expect(historySegments([], 0, 100)).toEqual([{ start: 0, end: 100, level: 'unknown', status: null, decision: null, count: 0 }])
    expect(historySegments(undefined, 0, 100)).toHaveLength(1)
  })
  it('holds each decision until the next, grey before the first', () => {
    const s = historySegments([d(40, 'breach', ['x']), d(20, 'passing')], 0, 100)
    expect(s.map(({ start, end, level }) => [start, end, level])).toEqual([[0, 20, 'unknown'], [20, 40, 'pass'], [40, 100, 'breach']])
    expect(s[2].decision.warnings).toEqual(['x'])
  })
  it('merges decisions that say the same thing, keeping the first and the count', () => {
    const liq = { price: 'pass', liq_events_5m: 'breach' }
    const s = historySegments([d(10, 'breach', ['liq 8'], { states: liq }), d(11, 'breach', ['liq 9'], { states: liq }),
      d(12, 'breach', ['liq 9', 'b'], { states: { ...liq, price: 'unknown' } }), d(13, 'warning')], 10, 20)
    expect(s.map((x) => [x.start, x.end, x.level, x.count])).toEqual([[10, 12, 'breach', 2], [12, 13, 'breach', 1], [13, 20, 'warn', 1]])
    expect(s[0].decision.warnings).toEqual(['liq 8'])
  })
  it('clips decisions before the window to its start and drops those after its end', () => {
    const s = historySegments([d(-50, 'warning'), d(-10, 'passing'), d(50, 'breach'), d(200, 'warning')], 0, 100)
    expect(s.map((x) => [x.start, x.end, x.level])).toEqual([[0, 50, 'pass'], [50, 100, 'breach']])
  })
  it('reads an unknown status as unknown, never as a pass', () => {
    expect(historyLevel('passing')).toBe('pass')
    expect(historyLevel('warning')).toBe('warn')
    expect(historyLevel('breach')).toBe('breach')
    expect(historyLevel('later')).toBe('unknown')
  })
})

describe('notPassing', () => {
  it('lists the metrics that did not pass, worst first', () => {
    expect(notPassing({ price: 'pass', spread_bps: 'warn', liq_events_5m: 'breach', basis_bps: 'unknown', funding_apr: 'not_configured' }))
      .toEqual([
        { metric: 'liq_events_5m', state: 'breach' },
        { metric: 'basis_bps', state: 'unknown' },
        { metric: 'spread_bps', state: 'warn' },
        { metric: 'funding_apr', state: 'not_configured' },
      ])
    expect(notPassing(undefined)).toEqual([])
  })
})
