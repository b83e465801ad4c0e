import { scaleSequential } from 'd3-scale'
import { interpolateRgbBasis } from 'd3-interpolate'

// The liquidation heatmap as a dense grid from the API's sparse cells, and its colour scale.

/** rows = price bins (highest price first, as a chart reads), columns = time bins (oldest first). */
export function denseGrid(map) {
  const prices = map?.price_bins?.length ?? 0
  const times = map?.time_bins?.length ?? 0
  const grid = Array.from({ length: prices }, () => Array.from({ length: times }, () => null))
  let max = 0
  for (const cell of map?.cells ?? []) {
    if (cell.price_bin < 0 || cell.price_bin >= prices || cell.time_bin < 0 || cell.time_bin >= times) continue
    grid[prices - 1 - cell.price_bin][cell.time_bin] = cell
    max = Math.max(max, cell.notional_usd)
  }
  return { grid, max }
}

/** Sequential green → yellow → red over [0, max] notional. */
export function colourScale(max) {
  return scaleSequential(interpolateRgbBasis(['#84CC16', '#FACC15', '#F43F5E'])).domain([0, max > 0 ? max : 1])
}

/** Index of the price bin holding {@code price}, or null outside the bins. */
export function priceBinOf(map, price) {
  if (typeof price !== 'number') return null
  const bins = map?.price_bins ?? []
  for (const bin of bins) {
    if (price >= bin.low && price < bin.high) return bin.index
  }
  return null
}

/** Drift on-chain liquidation levels binned onto the heatmap's price bins: count and notional per bin. */
export function binLevels(map, positions) {
  const bins = map?.price_bins ?? []
  const out = bins.map(() => ({ count: 0, notional: 0 }))
  for (const p of positions ?? []) {
    if (typeof p.liq_price !== 'number') continue
    const i = priceBinOf(map, p.liq_price)
    if (i === null) continue
    out[i].count += 1
    out[i].notional += Math.abs(p.position_size ?? 0) * p.liq_price
  }
  return out
}
