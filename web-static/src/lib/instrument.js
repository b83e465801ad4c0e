// Which instrument the dashboard shows. The symbol lives in the URL (?symbol=), so a link or a reload shows the same
// instrument; the list comes from GET /api/instruments, so the dashboard offers exactly what the API is configured
// with and names no instrument of its own.

/** The ?symbol= of a query string, upper-cased as the API names instruments; null when absent or blank. */
export function symbolFromSearch(search) {
  const raw = new URLSearchParams(search ?? '').get('symbol')
  return raw && raw.trim() ? raw.trim().toUpperCase() : null
}

/**
 * The instrument to show: the URL's when the API lists it, else the first one the API lists. Null while the list
 * is unknown and the URL names none (the routes then answer for the API's default instrument).
 */
export function pickInstrument(instruments, wanted) {
  const list = Array.isArray(instruments) ? instruments : []
  if (!list.length) return wanted ? { symbol: wanted, venues: null, velocity_market_index: null } : null
  return list.find((i) => i.symbol === wanted) ?? list[0]
}

/** A route with the instrument's ?symbol= added (nothing added without a symbol). */
export function withSymbol(path, symbol) {
  if (!symbol) return path
  return `${path}${path.includes('?') ? '&' : '?'}symbol=${encodeURIComponent(symbol)}`
}

/** The query string for another symbol, keeping every other parameter. */
export function searchWithSymbol(search, symbol) {
  const params = new URLSearchParams(search ?? '')
  params.set('symbol', symbol)
  return `?${params}`
}

/**
 * The on-chain liquidation map scans one Velocity market; it belongs on an instrument's panel only when that
 * instrument is listed on Velocity at that market. Anything else (not listed, another market, the list or the map
 * unknown) draws nothing and says why.
 */
export function onchainFor(instrument, map) {
  if (!map) return { map: null, note: null }
  const index = instrument?.velocity_market_index
  if (index === null || index === undefined) {
    return { map: null, note: instrument?.venues ? `no on-chain map: ${instrument.symbol} is not listed on Velocity` : null }
  }
  if (map.market !== index) return { map: null, note: `no on-chain map for ${instrument.symbol}: the scan covers market ${map.market}` }
  return { map, note: null }
}
