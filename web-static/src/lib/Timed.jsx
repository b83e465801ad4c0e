import { Profiler } from 'react'
import { recordRender } from './renderTimings.js'

/**
 * Wraps a component in React's Profiler and records each render's own cost (React's actualDuration: this subtree
 * only) as a Performance API measure, so the browser test and devtools can read per-component render times. Only
 * the profiling build (`npm run build:profiling`, which the local cloud serves) calls onRender; the production build
 * that S3 serves does not, so it records nothing. Readers take the measures (renderTimings.js), which clears them.
 */
export function Timed({ name, children }) {
  return <Profiler id={name} onRender={record}>{children}</Profiler>
}

function record(id, phase, actualDuration, baseDuration, startTime) {
  if (typeof performance !== 'undefined') recordRender(performance, id, startTime, actualDuration)
}
