import { describe, expect, it } from 'vitest'
import { ALERT, CAUTION, PASS, STALE, basisLevel, depthLevel, fundingLevel, liquidationsLevel, spreadLevel, statusLevel } from './thresholds.js'

describe('card colours', () => {
  it('spread is green under 5 bps, yellow to 10, red above', () => {
    expect(spreadLevel(4.99)).toBe(PASS)
    expect(spreadLevel(5)).toBe(CAUTION)
    expect(spreadLevel(10)).toBe(CAUTION)
    expect(spreadLevel(10.01)).toBe(ALERT)
    expect(spreadLevel(null)).toBe(STALE)
  })

  it('depth, funding, basis and liquidations follow the guard thresholds', () => {
    expect(depthLevel(60_000, 49_999)).toBe(ALERT)
    expect(depthLevel(60_000, 50_000)).toBe(PASS)
    expect(depthLevel(null, 50_000)).toBe(STALE)
    expect(fundingLevel(-300.1)).toBe(ALERT)
    expect(fundingLevel(300)).toBe(PASS)
    expect(basisLevel(-50.5)).toBe(ALERT)
    expect(basisLevel(null)).toBe(STALE)
    expect(liquidationsLevel(11)).toBe(ALERT)
    expect(liquidationsLevel(10)).toBe(PASS)
    expect(liquidationsLevel(null)).toBe(STALE)
  })

  it('the banner is green only when passing', () => {
    expect(statusLevel('passing')).toBe(PASS)
    expect(statusLevel('warning')).toBe(ALERT)
    expect(statusLevel('breach')).toBe(ALERT)
    expect(statusLevel(undefined)).toBe(STALE)
  })
})
