import { describe, expect, it } from 'vitest'
import { age, bps, count, hhmm, liquidationCount, MISSING, percent, usd, usdAxis } from './format.js'

describe('format', () => {
  it('writes USD with k/M/B suffixes', () => {
    expect(usd(51_234)).toBe('$51.2k')
    expect(usd(1_234_567)).toBe('$1.23M')
    expect(usd(2_500_000_000)).toBe('$2.50B')
    expect(usd(-3_000_000)).toBe('-$3.00M')
    expect(usd(999)).toBe('$999')
    expect(usdAxis(1_800_123_456)).toBe('$1.800B')
  })

  it('never turns a missing value into a number', () => {
    for (const f of [usd, bps, percent, count, liquidationCount]) {
      expect(f(null)).toBe(MISSING)
      expect(f(undefined)).toBe(MISSING)
      expect(f(Number.NaN)).toBe(MISSING)
    }
    expect(count(0)).toBe('0')
    expect(liquidationCount(0)).toBe('0')
    expect(liquidationCount(999, 1000)).toBe('999')
    expect(liquidationCount(1000, 1000)).toBe('1000+')
    expect(liquidationCount(1000)).toBe('1000') // the cap comes from the API; unknown, nothing is added
    expect(bps(0)).toBe('0.00 bps')
  })

  it('writes ages and times', () => {
    expect(age(800)).toBe('800 ms')
    expect(age(12_400)).toBe('12 s')
    expect(age(180_000)).toBe('3 min')
    expect(age(null)).toBe('no data')
    expect(hhmm(Date.UTC(2026, 10, 24, 9, 5))).toBe('09:05')
  })
})
