import { describe, expect, it } from 'vitest'
import {
  binDecimals, binLevels, cellTooltip, compactUsd, colourScale, denseGrid, labelledLevels, legend, levelLabel, levelTooltip, localHhmm,
  priceBinOf, priceLabel, priceTicks, rangeFromSearch, searchWithRange, stepDecimals, timeTicks,
} from './heatmap.js'

// Local-time axes: run in a zone with a half-hour offset, so rounding "in UTC" would show.
process.env.TZ = 'Asia/Kolkata'

const map = {
  symbol: 'SOL',
  reference_price: 200,
  price_bins: Array.from({ length: 50 }, (_, i) => ({ index: i, low: 190 + i * 0.4, high: 190 + (i + 1) * 0.4 })),
  time_bins: Array.from({ length: 12 }, (_, i) => ({ index: i, start: i * 300_000, end: (i + 1) * 300_000 })),
  cells: [
    { price_bin: 25, time_bin: 0, count: 3, total_size: 8, notional_usd: 1600.5, longs: 2, clipped: 0 },
    { price_bin: 0, time_bin: 11, count: 1, total_size: 5, notional_usd: 900, longs: 1, clipped: 1 },
    { price_bin: 99, time_bin: 0, count: 1, total_size: 1, notional_usd: 1, longs: 0, clipped: 0 },
  ],
}

describe('heatmap grid and colours', () => {
  it('places sparse cells in a dense grid, highest price on the first row', () => {
    const { grid, max } = denseGrid(map)
    expect(grid.length).toBe(50)
    expect(grid[0].length).toBe(12)
    expect(grid[49 - 25][0].count).toBe(3)
    expect(grid[49][11].notional_usd).toBe(900)
    expect(max).toBe(1600.5)
    expect(grid.flat().filter(Boolean).length).toBe(2) // the out-of-range cell is ignored
  })

  it('colours from lime at zero through yellow to rose at the maximum, on a square-root scale', () => {
    const scale = colourScale(900)
    expect(scale(0)).toBe('rgb(132, 204, 22)')
    const [r, g, b] = scale(225).match(/\d+/g).map(Number) // square root: a quarter of the maximum is the middle
    expect(r > 200 && g > 150 && b < 80).toBe(true) // yellow
    expect(scale(900)).toBe('rgb(244, 63, 94)')
  })

  it('labels the legend with nice notional values and the maximum, and says what it measures', () => {
    const l = legend(1600.5)
    expect(l.measure).toBe('notional per cell (USD, square-root scale)')
    expect(l.ticks.map((t) => t.label)).toEqual(['$0', '$200', '$600', '$1.6k'])
    expect(l.ticks[1].at).toBeCloseTo(Math.sqrt(200 / 1600.5))
    expect(l.ticks[0].at).toBe(0)
    expect(l.ticks.at(-1).at).toBe(1)
    expect(l.gradient.startsWith('linear-gradient(to right, rgb(132, 204, 22) 0%')).toBe(true)
    expect(l.gradient.endsWith('rgb(244, 63, 94) 100%)')).toBe(true)
    expect(legend(0).ticks).toEqual([{ value: 0, at: 0, label: '$0' }])
  })
})

describe('axes', () => {
  it('puts price ticks at nice numbers with the digits their step needs', () => {
    const { ticks, decimals } = priceTicks(190, 210, 300)
    expect(ticks.map((t) => t.value)).toEqual([190, 195, 200, 205, 210])
    expect(decimals).toBe(0)
    expect(ticks[2].label).toBe('200')
    const btc = priceTicks(95_000, 105_000, 300)
    expect(btc.ticks.map((t) => t.label)).toEqual(['96,000', '98,000', '100,000', '102,000', '104,000'])
    const cheap = priceTicks(0.95, 1.05, 300)
    expect(cheap.ticks.map((t) => t.label)).toEqual(['0.96', '0.98', '1.00', '1.02', '1.04'])
    expect(priceTicks(5, 5, 300).ticks).toEqual([])
  })

  it('writes prices with grouped digits', () => {
    expect(stepDecimals(5)).toBe(0)
    expect(stepDecimals(0.5)).toBe(1)
    expect(stepDecimals(0.02)).toBe(2)
    expect(priceLabel(200.1234, 2)).toBe('200.12')
    expect(priceLabel(101234.5, 2)).toBe('101,234.50')
    expect(priceLabel(null)).toBe('—')
    expect(binDecimals({ low: 200, high: 200.4 })).toBe(2)
    expect(binDecimals({ low: 1, high: 1.002 })).toBe(4)
    expect(binDecimals({ low: 100_000, high: 100_200 })).toBe(2)
  })

  it('puts time ticks at round local times, sensibly spaced for each range', () => {
    const start = Date.parse('2026-12-06T03:17:00Z') // 08:47 in Kolkata
    const hour = timeTicks(start, start + 3_600_000)
    expect(hour.map((t) => t.label)).toEqual(['08:50', '09:00', '09:10', '09:20', '09:30', '09:40'])
    const four = timeTicks(start, start + 4 * 3_600_000)
    expect(four.map((t) => t.label)).toEqual(['09:00', '10:00', '11:00', '12:00'])
    const day = timeTicks(start, start + 24 * 3_600_000)
    expect(day.map((t) => t.label)).toEqual(['12:00', '16:00', '20:00', '00:00', '04:00', '08:00'])
    expect(timeTicks(start, start + 12 * 3_600_000).length).toBe(6)
    expect(timeTicks(start, start + 3_600_000, 4).map((t) => t.label)).toEqual(['09:00', '09:15', '09:30', '09:45'])
    expect(localHhmm(start)).toBe('08:47')
  })
})

describe('range selector', () => {
  it('reads ?hours= and keeps the other parameters when it writes it', () => {
    expect(rangeFromSearch('?symbol=BTC&hours=12')).toBe(12)
    expect(rangeFromSearch('?hours=5')).toBe(1)
    expect(rangeFromSearch('')).toBe(1)
    expect(searchWithRange('?symbol=BTC', 4)).toBe('?symbol=BTC&hours=4')
    expect(searchWithRange('?hours=1&symbol=BTC', 24)).toBe('?hours=24&symbol=BTC')
  })
})

describe('tooltips', () => {
  it('tells a cell\'s count, size, notional, sides, price range and time bin', () => {
    const tip = cellTooltip(map, 25, 0)
    expect(tip.title).toBe(`${localHhmm(0)}–${localHhmm(300_000)}`)
    expect(tip.title).toBe('05:30–05:35')
    expect(Object.fromEntries(tip.rows)).toEqual({
      liquidations: '3', 'total size': '8.00 SOL', notional: '$1.6k', longs: '2', shorts: '1', price: '200.00 – 200.40',
    })
    const edge = Object.fromEntries(cellTooltip(map, 0, 11).rows)
    expect(edge['outside ±5 %']).toBe('1 pinned to this lowest row')
    expect(Object.fromEntries(cellTooltip(map, 3, 3).rows)).toEqual({ liquidations: '0', price: '191.20 – 191.60' })
    expect(cellTooltip(map, 50, 0)).toBe(null)
  })

  it('bins on-chain levels onto the same rows, by side, nearest accounts first', () => {
    expect(priceBinOf(map, 200)).toBe(25)
    expect(priceBinOf(map, 189)).toBe(null)
    const positions = [
      { user_pubkey: 'AAAAbbbbccccDDDD', side: 'short', liq_price: 200.1, position_size: -10, distance_bps: 5 },
      { user_pubkey: 'EEEEffffgggghhhh', side: 'long', liq_price: 200.2, position_size: 1, distance_bps: 10 },
      { user_pubkey: 'IIIIjjjjkkkkLLLL', side: 'short', liq_price: 200.3, position_size: -2, distance_bps: 1 },
      { liq_price: 250, position_size: 1 },
      { liq_price: null },
    ]
    const levels = binLevels(map, positions)
    const level = levels[25]
    expect(level.count).toBe(3)
    expect(level.longs).toBe(1)
    expect(level.shorts).toBe(2)
    expect(level.shortNotional).toBeCloseTo(2001 + 400.6)
    expect(level.entries.map((e) => e.distance_bps)).toEqual([1, 5, 10])
    expect(levels.reduce((n, l) => n + l.count, 0)).toBe(3)
    expect(levelLabel(level)).toBe('S $2.40k')
    const tip = levelTooltip(map, 25, level, 2)
    expect(tip.title).toBe('on-chain level · S $2.40k')
    expect(Object.fromEntries(tip.rows).accounts).toBe('3 (1 long · 2 short)')
    expect(tip.accounts).toEqual([
      { key: 'IIII…LLLL', text: 'short 2.00 SOL · liq 200.30 · 1 bps away' },
      { key: 'AAAA…DDDD', text: 'short 10.00 SOL · liq 200.10 · 5 bps away' },
    ])
    expect(tip.more).toBe(1)
    expect(levelTooltip(map, 3, levels[3])).toBe(null)
  })

  it('writes level notionals in three digits', () => {
    expect([676_360_000, 84_040_000, 1234, 12, 1.5e9, -40_000].map(compactUsd)).toEqual(['$676M', '$84.0M', '$1.23k', '$12', '$1.50B', '-$40.0k'])
    expect(compactUsd(null)).toBe('—')
  })

  it('labels the largest levels that fit, apart from each other', () => {
    const levels = Array.from({ length: 10 }, () => ({ count: 0, notional: 0 }))
    levels[2] = { count: 1, notional: 100 }
    levels[3] = { count: 1, notional: 90 }
    levels[5] = { count: 1, notional: 50 }
    levels[9] = { count: 1, notional: 10 }
    expect([...labelledLevels(levels, 6, 2)].sort()).toEqual([2, 5, 9])
    expect([...labelledLevels(levels, 2, 2)]).toEqual([2, 5])
  })
})
