import { describe, expect, it } from 'vitest'
import { BREACH, NEUTRAL, NOT_CONFIGURED, PASS, UNKNOWN, WARN, judgeCard, statusLevel, thresholdText } from './guards.js'
import { thresholdsOutdated } from './useThresholds.js'

// Deliberately not the defaults: whatever the API says is what the dashboard shows.
const thresholds = {
  version: 'v2',
  required: ['price', 'spread_bps'],
  metrics: {
    price: { max_age_ms: 5000 },
    bar: { max_age_ms: 150_000 },
    spread_bps: { warn_above: 7.5, max_age_ms: 5000 },
    depth_10bps: { warn_below: 125_000, max_age_ms: 5000 },
    funding_apr: { warn_abs_above: 150, max_age_ms: 180_000 },
    oi_notional: { max_age_ms: 180_000 },
    basis_bps: { warn_abs_above: 40, max_age_ms: 5000 },
    liq_events_5m: { breach_above: 3 },
    velocity_spread_bps: { warn_above: 11, max_age_ms: 10_000 },
    velocity_depth_10bps: { warn_below: 30_000, max_age_ms: 10_000 },
    velocity_oracle_age_slots: { breach_above: 12, max_age_ms: 5000 },
    velocity_mark_oracle_bps: { breach_abs_above: 900, max_age_ms: 10_000 },
    velocity_funding_apr: { warn_abs_above: 250, max_age_ms: 5_400_000 },
    basis_velocity_bps: { warn_abs_above: 45, max_age_ms: 10_000 },
  },
  liq_counted_max: 1000,
}

const answer = (guards, extra = {}) => ({ thresholds_version: 'v2', required: ['price', 'spread_bps'], guards, ...extra })

describe('judgeCard', () => {
  it('colours a judged metric by the API state when the answer was judged by the loaded thresholds', () => {
    for (const state of [PASS, WARN, BREACH]) {
      const v = judgeCard('spread_bps', answer({ spread_bps: { state, value: 3 } }), thresholds)
      expect(v.level).toBe(state)
      expect(v.caption).toBe('warn above 7.5 bps · max age 5 s')
      expect(v.required).toBe(true)
    }
    expect(judgeCard('basis_bps', answer({ basis_bps: { state: PASS } }), thresholds).required).toBe(false)
  })

  it('is neutral, never a guessed colour, until the thresholds are loaded', () => {
    const v = judgeCard('spread_bps', answer({ spread_bps: { state: BREACH, value: 30 } }), null)
    expect(v.level).toBe(NEUTRAL)
    expect(v.caption).toBe('not coloured: thresholds not loaded')
  })

  it('is neutral while the answer names thresholds other than the loaded ones', () => {
    const v = judgeCard('spread_bps', answer({ spread_bps: { state: PASS } }, { thresholds_version: 'v3' }), thresholds)
    expect(v.level).toBe(NEUTRAL)
    expect(v.caption).toBe('not coloured: thresholds changed, reloading')
  })

  it('is unknown with the API reason when the metric could not be judged or has no state', () => {
    const stale = judgeCard('spread_bps', answer({ spread_bps: { state: UNKNOWN, value: null, reason: 'stale, 9000 ms old (max 5000 ms)' } }), thresholds)
    expect(stale).toMatchObject({ level: UNKNOWN, note: 'stale, 9000 ms old (max 5000 ms)', caption: 'warn above 7.5 bps · max age 5 s' })
    expect(judgeCard('spread_bps', answer({}), thresholds).level).toBe(UNKNOWN)
    expect(judgeCard('spread_bps', { spread_bps: 2 }, thresholds).level).toBe(UNKNOWN) // an answer from before per-metric states
    expect(judgeCard('spread_bps', answer({ spread_bps: { state: 'something new' } }), thresholds).level).toBe(UNKNOWN)
    expect(judgeCard('spread_bps', null, null).level).toBe(UNKNOWN)
  })
})

describe('judgeCard on an instrument without the venue', () => {
  it('reads not_configured as not configured, never as unknown or stale', () => {
    const v = judgeCard('velocity_spread_bps', answer({ velocity_spread_bps: { state: 'not_configured', value: null, reason: 'ETH is not listed on velocity' } }), thresholds)
    expect(v).toMatchObject({ level: NOT_CONFIGURED, note: 'ETH is not listed on velocity', caption: 'warn above 11 bps · max age 10 s', required: false })
    expect(judgeCard('funding_apr', answer({ funding_apr: { state: 'not_configured' } }), null).level).toBe(NOT_CONFIGURED)
  })
  it('judges the Velocity metrics as any other', () => {
    const v = judgeCard('velocity_mark_oracle_bps', answer({ velocity_mark_oracle_bps: { state: BREACH, value: 1200 } }), thresholds)
    expect(v).toMatchObject({ level: BREACH, caption: 'breach beyond ±900 bps · max age 10 s' })
  })
})

describe('thresholdText', () => {
  it('writes each bound exactly, in the card units', () => {
    expect(thresholdText('depth_10bps', thresholds.metrics.depth_10bps)).toBe('warn below $125,000 · max age 5 s')
    expect(thresholdText('funding_apr', thresholds.metrics.funding_apr)).toBe('warn beyond ±150 % · max age 3 min')
    expect(thresholdText('basis_bps', thresholds.metrics.basis_bps)).toBe('warn beyond ±40 bps · max age 5 s')
    expect(thresholdText('liq_events_5m', thresholds.metrics.liq_events_5m)).toBe('breach above 3')
    expect(thresholdText('bar', thresholds.metrics.bar)).toBe('max age 150 s')
    expect(thresholdText('oi_notional', { max_age_ms: 1500 })).toBe('max age 1500 ms')
  })
  it('writes the Velocity bounds in their cards units, breach_abs_above included', () => {
    const m = thresholds.metrics
    expect(thresholdText('velocity_spread_bps', m.velocity_spread_bps)).toBe('warn above 11 bps · max age 10 s')
    expect(thresholdText('velocity_depth_10bps', m.velocity_depth_10bps)).toBe('warn below $30,000 · max age 10 s')
    expect(thresholdText('velocity_oracle_age_slots', m.velocity_oracle_age_slots)).toBe('breach above 12 slots · max age 5 s')
    expect(thresholdText('velocity_mark_oracle_bps', m.velocity_mark_oracle_bps)).toBe('breach beyond ±900 bps · max age 10 s')
    expect(thresholdText('velocity_funding_apr', m.velocity_funding_apr)).toBe('warn beyond ±250 % · max age 90 min')
    expect(thresholdText('basis_velocity_bps', m.basis_velocity_bps)).toBe('warn beyond ±45 bps · max age 10 s')
  })

  it('says nothing for a metric without bounds', () => {
    expect(thresholdText('spread_bps', undefined)).toBe(null)
    expect(thresholdText('spread_bps', {})).toBe(null)
  })
})

describe('statusLevel', () => {
  it('tells a breach from a warning', () => {
    expect(statusLevel('passing')).toBe(PASS)
    expect(statusLevel('warning')).toBe(WARN)
    expect(statusLevel('breach')).toBe(BREACH)
    expect(statusLevel(undefined)).toBe(UNKNOWN)
  })
})

describe('thresholdsOutdated', () => {
  it('asks for the thresholds when missing or when the answer names another version', () => {
    expect(thresholdsOutdated(null, undefined)).toBe(true)
    expect(thresholdsOutdated(thresholds, 'v2')).toBe(false)
    expect(thresholdsOutdated(thresholds, 'v3')).toBe(true)
    expect(thresholdsOutdated(thresholds, undefined)).toBe(false)
  })
})
