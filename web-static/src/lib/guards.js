// Card and banner levels. The guards API judges every metric (pass, warn, breach, unknown) against the thresholds
// named by GET /api/engine/thresholds; the dashboard only shows that verdict and the bounds it came from. It holds
// no threshold of its own: a colour it cannot get from the API is not shown (fail closed, never a guessed colour).

export const PASS = 'pass'
export const WARN = 'warn'
export const BREACH = 'breach'
export const UNKNOWN = 'unknown'
/** Not judged here: a value shown without a colour, because the thresholds behind the verdict are not known. */
export const NEUTRAL = 'neutral'
/** The instrument is not listed on a venue the metric reads: nothing watches it, so it is neither live nor stale. */
export const NOT_CONFIGURED = 'not_configured'

const STATES = new Set([PASS, WARN, BREACH])

/**
 * A card's level, tooltip note, caption and required marker for one metric of a guards answer.
 *
 * A metric the API could not judge is unknown whatever the thresholds. A judged one is coloured only when the
 * thresholds the answer names (thresholds_version) are the ones loaded, so the caption beside the colour is the
 * bound that produced it; otherwise it is neutral and its caption says why.
 */
export function judgeCard(metric, answer, thresholds) {
  const guard = answer?.guards?.[metric]
  const required = Boolean(answer?.required?.includes(metric))
  const current = Boolean(thresholds) && thresholds.version === answer?.thresholds_version
  const caption = !thresholds ? 'not coloured: thresholds not loaded'
    : !current ? 'not coloured: thresholds changed, reloading'
      : thresholdText(metric, thresholds.metrics?.[metric]) ?? 'no threshold'
  if (guard?.state === NOT_CONFIGURED) {
    return { level: NOT_CONFIGURED, note: guard.reason ?? 'not configured for this instrument', caption, required }
  }
  if (!guard || !STATES.has(guard.state)) {
    return { level: UNKNOWN, note: guard?.reason ?? 'no guard state in the answer', caption, required }
  }
  return { level: current ? guard.state : NEUTRAL, note: guard.reason ?? null, caption, required }
}

/** How each metric's bound is written: the units its card shows. */
const UNITS = {
  spread_bps: (n) => `${n} bps`,
  basis_bps: (n) => `${n} bps`,
  basis_okx_bps: (n) => `${n} bps`,
  depth_10bps: (n) => `$${n.toLocaleString('en-US')}`,
  oi_notional: (n) => `$${n.toLocaleString('en-US')}`,
  funding_apr: (n) => `${n} %`,
  liq_events_5m: (n) => `${n}`,
  velocity_spread_bps: (n) => `${n} bps`,
  velocity_depth_10bps: (n) => `$${n.toLocaleString('en-US')}`,
  velocity_oracle_age_slots: (n) => `${n} slots`,
  velocity_mark_oracle_bps: (n) => `${n} bps`,
  velocity_funding_apr: (n) => `${n} %`,
  basis_velocity_bps: (n) => `${n} bps`,
}

/**
 * A threshold as a caption, exact to the configured number: {warn_above: X, max_age_ms: 5000} on the spread →
 * "warn above X bps · max age 5 s". Null when the API gives the metric no bound.
 */
export function thresholdText(metric, threshold) {
  if (!threshold) return null
  const unit = UNITS[metric] ?? String
  const parts = []
  if (typeof threshold.warn_above === 'number') parts.push(`warn above ${unit(threshold.warn_above)}`)
  if (typeof threshold.warn_below === 'number') parts.push(`warn below ${unit(threshold.warn_below)}`)
  if (typeof threshold.warn_abs_above === 'number') parts.push(`warn beyond ±${unit(threshold.warn_abs_above)}`)
  if (typeof threshold.breach_above === 'number') parts.push(`breach above ${unit(threshold.breach_above)}`)
  if (typeof threshold.breach_abs_above === 'number') parts.push(`breach beyond ±${unit(threshold.breach_abs_above)}`)
  if (typeof threshold.max_age_ms === 'number') parts.push(`max age ${duration(threshold.max_age_ms)}`)
  return parts.length ? parts.join(' · ') : null
}

/** Exact, unlike a card's rounded age: a 150 s budget reads "150 s", not "3 min". */
function duration(ms) {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`
  if (ms % 1000 === 0) return `${ms / 1000} s`
  return `${ms} ms`
}

/** The guards' overall status → the banner's level: a breach reads differently from a warning. */
export function statusLevel(status) {
  if (status === 'passing') return PASS
  if (status === 'warning') return WARN
  if (status === 'breach') return BREACH
  return UNKNOWN
}

export const LEVEL_CLASSES = {
  [PASS]: 'text-pass',
  [WARN]: 'text-warn',
  [BREACH]: 'text-alert',
  [UNKNOWN]: 'text-zinc-500',
  [NEUTRAL]: 'text-zinc-100',
  [NOT_CONFIGURED]: 'text-zinc-500',
}
