import { scaleLinear, scaleSequentialSqrt } from 'd3-scale'
import { interpolateRgbBasis } from 'd3-interpolate'
import { usd } from './format.js'

// The liquidation heatmap's pure parts: the dense grid from the API's sparse cells, its colour scale and legend, the
// price and time axes' ticks, and what a tooltip says about a cell or an on-chain level. The component only draws.

/** The windows the range selector offers (the API's `hours`). */
export const RANGES = [1, 4, 12, 24]

/** `?hours=` from a query string when it is one of RANGES; otherwise 1 (the API's default). */
export function rangeFromSearch(search) {
  const hours = Number(new URLSearchParams(search ?? '').get('hours'))
  return RANGES.includes(hours) ? hours : RANGES[0]
}

/** The same query string with `hours` set; every other parameter (`symbol`, …) kept as it was. */
export function searchWithRange(search, hours) {
  const params = new URLSearchParams(search ?? '')
  params.set('hours', String(hours))
  return `?${params}`
}

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

const COLOURS = ['#84CC16', '#FACC15', '#F43F5E']

/**
 * Sequential green → yellow → red over [0, max] notional, on a square-root scale: one cascade cell would otherwise
 * paint every other cell the same green. The bar's middle (a quarter of the maximum) is yellow.
 */
export function colourScale(max) {
  return scaleSequentialSqrt(interpolateRgbBasis(COLOURS)).domain([0, max > 0 ? max : 1])
}

/**
 * The legend under the map: a CSS gradient sampled from the colour scale (evenly along the bar, so the bar reads as
 * the scale does), and labelled values on it (nice numbers of the [0, max] notional, the maximum itself last), each
 * at its place on the square-root bar, spaced so that their labels do not overlap.
 */
export function legend(max) {
  const top = max > 0 ? max : 0
  const scale = colourScale(top)
  const stops = Array.from({ length: 11 }, (_, i) => `${scale((i / 10) ** 2 * (top || 1))} ${i * 10}%`)
  const at = (v) => (top > 0 ? Math.sqrt(v / top) : 0)
  const ticks = [{ value: 0, at: 0, label: usd(0) }]
  if (top > 0) {
    for (const v of scaleLinear().domain([0, top]).ticks(6)) {
      if (v > 0 && at(v) - ticks[ticks.length - 1].at >= 0.22 && at(v) <= 0.7) ticks.push({ value: v, at: at(v), label: usd(v) })
    }
    ticks.push({ value: top, at: 1, label: usd(top) })
  }
  return { gradient: `linear-gradient(to right, ${stops.join(', ')})`, ticks, measure: 'notional per cell (USD, square-root scale)' }
}

/** Decimals a tick step needs: 5 → 0, 0.5 → 1, 0.02 → 2. */
export function stepDecimals(step) {
  if (!(step > 0)) return 0
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9))
}

function fixed(value, decimals) {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
}

/**
 * The price axis: nice ticks over the bins' range (about one per {@code minGapPx} of height), each with its label,
 * and the digits a price needs beside them (the current price's label gets two more than the ticks).
 */
export function priceTicks(low, high, heightPx, minGapPx = 45) {
  if (!(high > low)) return { ticks: [], decimals: 2 }
  const count = Math.max(2, Math.floor(heightPx / minGapPx))
  const scale = scaleLinear().domain([low, high])
  const values = scale.ticks(count)
  const step = values.length > 1 ? values[1] - values[0] : (high - low)
  const decimals = stepDecimals(step)
  return { ticks: values.map((v) => ({ value: v, label: fixed(v, decimals) })), decimals }
}

/** A price with {@code decimals} digits, grouped: 101234.5 → "101,234.50". */
export function priceLabel(price, decimals = 2) {
  return typeof price === 'number' && Number.isFinite(price) ? fixed(price, Math.min(8, decimals)) : '—'
}

/** Epoch ms → "HH:MM" in the browser's time zone. */
export function localHhmm(epochMs) {
  const d = new Date(epochMs)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

const TIME_STEPS_MIN = [5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440]

/**
 * The time axis: ticks at round local times (every 10 min over an hour, every 4 h over a day, …), at most
 * {@code maxTicks} of them, within [start, end].
 */
export function timeTicks(start, end, maxTicks = 6) {
  if (!(end > start)) return []
  const spanMin = (end - start) / 60_000
  const stepMin = TIME_STEPS_MIN.find((s) => spanMin / s <= maxTicks) ?? TIME_STEPS_MIN[TIME_STEPS_MIN.length - 1]
  const step = stepMin * 60_000
  // Round in local time: shift by the zone's offset, floor to the step, shift back.
  const offset = (t) => -new Date(t).getTimezoneOffset() * 60_000
  let t = Math.ceil((start + offset(start)) / step) * step - offset(start)
  const ticks = []
  for (; t <= end; t += step) ticks.push({ value: t, label: localHhmm(t) })
  return ticks
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

/**
 * Drift on-chain liquidation levels binned onto the heatmap's price bins: per bin, the accounts (nearest to
 * liquidation first), how many are long and short, and the notional of each side at its liquidation price.
 */
export function binLevels(map, positions) {
  const bins = map?.price_bins ?? []
  const out = bins.map(() => ({ count: 0, notional: 0, longs: 0, shorts: 0, longNotional: 0, shortNotional: 0, entries: [] }))
  for (const p of positions ?? []) {
    if (typeof p.liq_price !== 'number') continue
    const i = priceBinOf(map, p.liq_price)
    if (i === null) continue
    const notional = Math.abs(p.position_size ?? 0) * p.liq_price
    const level = out[i]
    level.count += 1
    level.notional += notional
    if (p.side === 'short' || (p.side === undefined && p.position_size < 0)) {
      level.shorts += 1
      level.shortNotional += notional
    } else {
      level.longs += 1
      level.longNotional += notional
    }
    level.entries.push(p)
  }
  for (const level of out) level.entries.sort((a, b) => distance(a) - distance(b))
  return out
}

const distance = (p) => (typeof p.distance_bps === 'number' ? Math.abs(p.distance_bps) : Infinity)

/** The side a level is labelled with: the one with more notional there. */
export function levelSide(level) {
  return level.shortNotional > level.longNotional ? 'short' : 'long'
}

/** Three significant digits: 676360000 → "$676M", 84040000 → "$84.0M", 1234 → "$1.23k", 12 → "$12". */
export function compactUsd(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—'
  const abs = Math.abs(value)
  const [d, unit] = abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, '']
  const n = abs / d
  const digits = unit ? (n >= 100 ? String(Math.round(n)) : n.toPrecision(3)) : n.toFixed(0)
  return `${value < 0 ? '-' : ''}$${digits}${unit}`
}

/** "L $1.23M" / "S $410k": a level's label beside the map. */
export function levelLabel(level) {
  const side = levelSide(level)
  return `${side === 'long' ? 'L' : 'S'} ${compactUsd(side === 'long' ? level.longNotional : level.shortNotional)}`
}

/** Digits that tell a price bin's edges apart: at least 2, one more than its width needs. */
export function binDecimals(bin) {
  return Math.max(2, stepDecimals(bin.high - bin.low) + 1)
}

function size(value, unit) {
  return typeof value === 'number' && Number.isFinite(value) ? `${fixed(value, 2)} ${unit}` : '—'
}

/**
 * What the tooltip says about the cell at price bin {@code priceBin} and time bin {@code timeBin} (an empty cell
 * too): a title (its time bin) and rows of [label, value]; prices with the digits the bin's width needs.
 */
export function cellTooltip(map, priceBin, timeBin) {
  const bin = map?.price_bins?.[priceBin]
  const time = map?.time_bins?.[timeBin]
  if (!bin || !time) return null
  const decimals = binDecimals(bin)
  const cell = (map.cells ?? []).find((c) => c.price_bin === priceBin && c.time_bin === timeBin)
  const unit = map.symbol ?? ''
  const title = `${localHhmm(time.start)}–${localHhmm(time.end)}`
  const price = `${priceLabel(bin.low, decimals)} – ${priceLabel(bin.high, decimals)}`
  if (!cell) return { title, rows: [['liquidations', '0'], ['price', price]] }
  const rows = [
    ['liquidations', String(cell.count)],
    ['total size', size(cell.total_size, unit)],
    ['notional', usd(cell.notional_usd)],
    ['longs', String(cell.longs)],
    ['shorts', String(cell.count - cell.longs)],
    ['price', price],
  ]
  if (cell.clipped > 0) {
    rows.push(['outside ±5 %', `${cell.clipped} pinned to this ${priceBin === 0 ? 'lowest' : 'highest'} row`])
  }
  return { title, rows }
}

/** "AbCd…WxYz". */
export function shortKey(key) {
  return typeof key === 'string' && key.length > 10 ? `${key.slice(0, 4)}…${key.slice(-4)}` : (key ?? '—')
}

/**
 * What the tooltip says about an on-chain level: its price range, how many accounts liquidate there and on which
 * side, and the {@code nearest} accounts closest to liquidation.
 */
export function levelTooltip(map, priceBin, level, nearest = 4) {
  const bin = map?.price_bins?.[priceBin]
  if (!bin || !level?.count) return null
  const decimals = binDecimals(bin)
  const unit = map.symbol ?? ''
  const rows = [
    ['accounts', `${level.count} (${level.longs} long · ${level.shorts} short)`],
    ['longs', usd(level.longNotional)],
    ['shorts', usd(level.shortNotional)],
    ['price', `${priceLabel(bin.low, decimals)} – ${priceLabel(bin.high, decimals)}`],
  ]
  const accounts = level.entries.slice(0, nearest).map((p) => ({
    key: shortKey(p.user_pubkey),
    text: `${p.side ?? (p.position_size < 0 ? 'short' : 'long')} ${size(Math.abs(p.position_size ?? NaN), unit)} · liq ${priceLabel(p.liq_price, decimals)}`
      + (typeof p.distance_bps === 'number' ? ` · ${fixed(p.distance_bps, 0)} bps away` : ''),
  }))
  return { title: `on-chain level · ${levelLabel(level)}`, rows, accounts, more: Math.max(0, level.count - accounts.length) }
}

/**
 * Which labels fit in the levels column: the largest levels by notional, at least {@code minGapRows} rows apart,
 * at most {@code max} of them. Returns a set of price-bin indexes.
 */
export function labelledLevels(levels, max = 6, minGapRows = 2) {
  const order = levels.map((l, i) => [l, i]).filter(([l]) => l.count > 0).sort((a, b) => b[0].notional - a[0].notional)
  const chosen = []
  for (const [, i] of order) {
    if (chosen.length >= max) break
    if (chosen.every((j) => Math.abs(j - i) >= minGapRows)) chosen.push(i)
  }
  return new Set(chosen)
}
