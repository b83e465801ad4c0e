import { describe, expect, it } from 'vitest'
import { onchainFor, pickInstrument, searchWithSymbol, symbolFromSearch, withSymbol } from './instrument.js'

const list = [
  { symbol: 'SOL', venues: ['binance', 'velocity'], velocity_market_index: 0 },
  { symbol: 'ETH', venues: ['binance'], velocity_market_index: null },
]

describe('instrument', () => {
  it('reads ?symbol= upper-cased, and nothing when absent or blank', () => {
    expect(symbolFromSearch('?symbol=eth&x=1')).toBe('ETH')
    expect(symbolFromSearch('?symbol=%20')).toBe(null)
    expect(symbolFromSearch('')).toBe(null)
    expect(symbolFromSearch(undefined)).toBe(null)
  })
  it('shows the URL instrument when the API lists it, else the first listed', () => {
    expect(pickInstrument(list, 'ETH').symbol).toBe('ETH')
    expect(pickInstrument(list, 'DOGE').symbol).toBe('SOL')
    expect(pickInstrument(list, null).symbol).toBe('SOL')
    expect(pickInstrument(null, 'ETH')).toEqual({ symbol: 'ETH', venues: null, velocity_market_index: null })
    expect(pickInstrument(null, null)).toBe(null)
  })
  it('adds the symbol to a route, and keeps other parameters in the page URL', () => {
    expect(withSymbol('/api/engine/guards', 'ETH')).toBe('/api/engine/guards?symbol=ETH')
    expect(withSymbol('/api/market/oi_history?hours=24', 'BTC')).toBe('/api/market/oi_history?hours=24&symbol=BTC')
    expect(withSymbol('/api/engine/guards', null)).toBe('/api/engine/guards')
    expect(searchWithSymbol('?symbol=SOL&debug=1', 'ETH')).toBe('?symbol=ETH&debug=1')
    expect(searchWithSymbol('', 'ETH')).toBe('?symbol=ETH')
  })
  it('draws an on-chain map only on the instrument listed at its Velocity market', () => {
    const map = { market: 0, state: 'live', entries: [] }
    expect(onchainFor(list[0], map)).toEqual({ map, note: null })
    expect(onchainFor(list[1], map)).toEqual({ map: null, note: 'no on-chain map: ETH is not listed on Velocity' })
    expect(onchainFor({ symbol: 'BTC', venues: ['velocity'], velocity_market_index: 1 }, map).note)
      .toBe('no on-chain map for BTC: the scan covers market 0')
    expect(onchainFor(list[0], null)).toEqual({ map: null, note: null })
    expect(onchainFor({ symbol: 'SOL', venues: null, velocity_market_index: null }, map)).toEqual({ map: null, note: null })
  })
})
