import { useEffect, useState } from 'react'
import { getJson } from './api.js'

/** Between attempts while the thresholds are missing or not the ones the guards answer names. */
const RETRY_MS = 5_000

/**
 * GET /api/engine/thresholds at load, and again as soon as the guards answer names another thresholds_version (the
 * configuration changed). While they are missing or still another version it retries every few seconds; cards stay
 * uncoloured meanwhile (see judgeCard).
 */
export function useThresholds(wantedVersion) {
  const [state, setState] = useState({ data: null, error: null })
  const [attempt, setAttempt] = useState(0)
  const outdated = thresholdsOutdated(state.data, wantedVersion)
  useEffect(() => {
    if (!outdated) return undefined
    let stopped = false
    let timer
    getJson('/api/engine/thresholds')
      .then((data) => { if (!stopped) setState({ data, error: null }) },
        (error) => { if (!stopped) setState((s) => ({ data: s.data, error })) })
      // Still outdated after this answer (a failure, or an instance still on the old version): try again later.
      .finally(() => { if (!stopped) timer = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS) })
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [outdated, wantedVersion, attempt])
  return state
}

/** Missing, or not the version the latest guards answer was judged with (an answer naming none asks for nothing more). */
export function thresholdsOutdated(loaded, wantedVersion) {
  return !loaded || (wantedVersion != null && wantedVersion !== loaded.version)
}
