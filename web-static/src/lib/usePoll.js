import { useEffect, useState } from 'react'
import { getJson } from './api.js'

/** Polls a route every {@code everyMs}; keeps the last good answer and the last error separately. */
export function usePoll(path, everyMs, revalidate = false) {
  const [state, setState] = useState({ data: null, error: null, loading: true })
  useEffect(() => {
    let stopped = false
    let timer
    const tick = async () => {
      try {
        const data = await getJson(path, revalidate)
        if (!stopped) setState({ data, error: null, loading: false })
      } catch (error) {
        if (!stopped) setState((s) => ({ data: s.data, error, loading: false }))
      }
      if (!stopped) timer = setTimeout(tick, everyMs)
    }
    tick()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [path, everyMs, revalidate])
  return state
}
