// Card colours. The guards endpoint decides pass/warn/breach; these only colour a card's number the way the
// issue specifies, and say "stale" when the API reported no value.

export const PASS = 'pass'
export const CAUTION = 'caution'
export const ALERT = 'alert'
export const STALE = 'stale'

/** Spread: green < 5 bps, yellow 5–10, red > 10. */
export function spreadLevel(bps) {
  if (typeof bps !== 'number') return STALE
  if (bps < 5) return PASS
  if (bps <= 10) return CAUTION
  return ALERT
}

/** Depth within 10 bps: red under the guard's $50k minimum on the thinner side. */
export function depthLevel(bidUsd, askUsd, minUsd = 50_000) {
  if (typeof bidUsd !== 'number' || typeof askUsd !== 'number') return STALE
  return Math.min(bidUsd, askUsd) < minUsd ? ALERT : PASS
}

export function fundingLevel(apr, warn = 300) {
  if (typeof apr !== 'number') return STALE
  return Math.abs(apr) > warn ? ALERT : PASS
}

export function basisLevel(bps, warn = 50) {
  if (typeof bps !== 'number') return STALE
  return Math.abs(bps) > warn ? ALERT : PASS
}

export function liquidationsLevel(n, breach = 10) {
  if (!Number.isInteger(n)) return STALE
  return n > breach ? ALERT : PASS
}

/** The guards' overall status → the banner's level. */
export function statusLevel(status) {
  if (status === 'passing') return PASS
  if (status === 'warning' || status === 'breach') return ALERT
  return STALE
}

export const LEVEL_CLASSES = {
  [PASS]: 'text-pass',
  [CAUTION]: 'text-yellow-400',
  [ALERT]: 'text-alert',
  [STALE]: 'text-zinc-500',
}
