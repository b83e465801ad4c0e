import { Profiler } from 'react'

/**
 * Wraps a component in React's Profiler and records each render's own cost (React's actualDuration: this subtree
 * only) as a Performance API measure, so the browser test and devtools can read per-component render times. The
 * production build uses react-dom's profiling entry (see vite.config.js) so this works outside development.
 */
export function Timed({ name, children }) {
  return <Profiler id={name} onRender={record}>{children}</Profiler>
}

function record(id, phase, actualDuration, baseDuration, startTime) {
  if (typeof performance !== 'undefined' && performance.measure) {
    performance.measure(`render:${id}`, { start: startTime, duration: actualDuration })
  }
}
