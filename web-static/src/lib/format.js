// Number formatting for cards and tooltips. Every formatter says "—" for a missing value: never 0, never NaN.

export const MISSING = '—'

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v)

/** 1234567 → "$1.23M", 2.5e9 → "$2.50B", 51234 → "$51.2k". */
export function usd(value) {
  if (!isNumber(value)) return MISSING
  const abs = Math.abs(value)
  const sign = value < 0 ? '-' : ''
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(2)}B`
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(2)}M`
  if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(1)}k`
  return `${sign}$${abs.toFixed(0)}`
}

/** Axis ticks of a narrow range need more digits than a card: 1800123456 → "$1.800B". */
export function usdAxis(value) {
  if (!isNumber(value)) return ''
  const abs = Math.abs(value)
  if (abs >= 1e9) return `$${(value / 1e9).toFixed(3)}B`
  if (abs >= 1e6) return `$${(value / 1e6).toFixed(2)}M`
  return usd(value)
}

export function bps(value, digits = 2) {
  return isNumber(value) ? `${value.toFixed(digits)} bps` : MISSING
}

export function percent(value, digits = 2) {
  return isNumber(value) ? `${value.toFixed(digits)} %` : MISSING
}

export function count(value) {
  return Number.isInteger(value) ? String(value) : MISSING
}

/**
 * The guards count liquidations up to a cap (the thresholds' liq_counted_max): at the cap, "N+". Without the cap
 * (thresholds not loaded) the count is written as it is.
 */
export function liquidationCount(value, countedMax) {
  return Number.isInteger(value) && Number.isInteger(countedMax) && value >= countedMax ? `${value}+` : count(value)
}

/** Milliseconds → "800 ms", "12 s", "3 min", "2 h". */
export function age(ms) {
  if (!isNumber(ms)) return 'no data'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`
  return `${Math.round(ms / 3_600_000)} h`
}

/** Epoch ms → "HH:MM" in UTC, as the axis of an hourly chart. */
export function hhmm(epochMs) {
  const d = new Date(epochMs)
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`
}
