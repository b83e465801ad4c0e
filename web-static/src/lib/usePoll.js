import { useEffect, useState } from 'react'
import { getJson } from './api.js'

const LOADING = { data: null, error: null, loading: true }

/**
 * Polls a route every {@code everyMs}; keeps the last good answer and the last error separately. It keeps polling
 * after an error, so the first answer after a reconnect clears the error: back to live without a reload. Another
 * path (another instrument) starts from loading: one instrument's answer is never shown under another's name. A
 * null path polls nothing.
 */
export function usePoll(path, everyMs, revalidate = false) {
  const [state, setState] = useState({ ...LOADING, path })
  useEffect(() => {
    if (path === null) return undefined
    let stopped = false
    let timer
    const tick = async () => {
      try {
        const data = await getJson(path, revalidate)
        if (!stopped) setState({ data, error: null, loading: false, path })
      } catch (error) {
        if (!stopped) setState((s) => (s.path === path ? { ...s, error, loading: false } : { data: null, error, loading: false, path }))
      }
      if (!stopped) timer = setTimeout(tick, everyMs)
    }
    tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [path, everyMs, revalidate])
  return state.path === path ? state : { ...LOADING, path }
}
