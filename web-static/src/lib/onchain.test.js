import { describe, expect, it } from 'vitest'
import { onchainView } from './onchain.js'

const entries = [{ user_pubkey: 'a', liq_price: 140, distance_bps: 300 }]

describe('onchainView', () => {
  it('draws a live map', () => {
    const v = onchainView({ state: 'live', reason: '', program: 'velocity', age_ms: 120_000, entries })
    expect(v.live).toBe(true)
    expect(v.entries).toBe(entries)
    expect(v.note).toBe('velocity map live · scanned 2 min ago')
  })

  it('names a frozen map with its reason and draws nothing', () => {
    const v = onchainView({ state: 'frozen', reason: 'the program is paused', program: 'drift-v2', age_ms: 0, entries })
    expect(v.live).toBe(false)
    expect(v.entries).toBeUndefined()
    expect(v.note).toBe('drift-v2 map frozen: the program is paused · scanned 0 min ago (not shown as live)')
  })

  it('reads a stale map, or one without a state, as stale', () => {
    expect(onchainView({ state: 'stale', reason: 'oracle 900 slots behind', entries }).note)
      .toBe('on-chain map stale: oracle 900 slots behind (not shown as live)')
    expect(onchainView({ entries }).live).toBe(false)
    expect(onchainView({ entries }).note).toBe('on-chain map stale (not shown as live)')
  })
})
