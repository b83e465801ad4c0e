import { useCallback, useEffect, useState } from 'react'
import { searchWithSymbol, symbolFromSearch } from './instrument.js'

/** The ?symbol= of the page's URL, and a setter that writes it there (a history entry, so Back returns to the last one). */
export function useSymbol() {
  const [symbol, setSymbol] = useState(() => symbolFromSearch(window.location.search))
  useEffect(() => {
    const onPop = () => setSymbol(symbolFromSearch(window.location.search))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const choose = useCallback((next) => {
    if (!next) return
    window.history.pushState(null, '', `${window.location.pathname}${searchWithSymbol(window.location.search, next)}${window.location.hash}`)
    setSymbol(next)
  }, [])
  return [symbol, choose]
}
