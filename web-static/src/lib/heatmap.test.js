import { describe, expect, it } from 'vitest'
import { binLevels, colourScale, denseGrid, priceBinOf } from './heatmap.js'

const map = {
  reference_price: 200,
  price_bins: Array.from({ length: 50 }, (_, i) => ({ index: i, low: 190 + i * 0.4, high: 190 + (i + 1) * 0.4 })),
  time_bins: Array.from({ length: 12 }, (_, i) => ({ index: i, start: i * 300_000, end: (i + 1) * 300_000 })),
  cells: [
    { price_bin: 25, time_bin: 0, count: 2, total_size: 3, notional_usd: 600.5, longs: 1, clipped: 0 },
    { price_bin: 0, time_bin: 11, count: 1, total_size: 5, notional_usd: 900, longs: 1, clipped: 1 },
    { price_bin: 99, time_bin: 0, count: 1, total_size: 1, notional_usd: 1, longs: 0, clipped: 0 },
  ],
}

describe('heatmap', () => {
  it('places sparse cells in a dense grid, highest price on the first row', () => {
    const { grid, max } = denseGrid(map)
    expect(grid.length).toBe(50)
    expect(grid[0].length).toBe(12)
    expect(grid[49 - 25][0].count).toBe(2)
    expect(grid[49][11].notional_usd).toBe(900)
    expect(max).toBe(900)
    expect(grid.flat().filter(Boolean).length).toBe(2) // the out-of-range cell is ignored
  })

  it('colours from lime at zero to rose at the maximum', () => {
    const scale = colourScale(900)
    expect(scale(0)).toBe('rgb(132, 204, 22)')
    expect(scale(900)).toBe('rgb(244, 63, 94)')
  })

  it('bins prices and on-chain liquidation levels onto the same rows', () => {
    expect(priceBinOf(map, 200)).toBe(25)
    expect(priceBinOf(map, 189)).toBe(null)
    const levels = binLevels(map, [{ liq_price: 200.1, position_size: -10 }, { liq_price: 250, position_size: 1 }, { liq_price: null }])
    expect(levels[25]).toEqual({ count: 1, notional: 2001 })
    expect(levels.reduce((n, l) => n + l.count, 0)).toBe(1)
  })
})
