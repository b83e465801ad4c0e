/**
 * What the dashboard may do with the on-chain liquidation map. Only a map the API says is live is drawn as levels;
 * a frozen (paused program) or stale map is named with its reason instead, never drawn as live risk. A map with no
 * state at all is treated as stale: fail closed.
 */
export function onchainView(data) {
  if (!data) return { live: false, entries: undefined, note: null }
  const program = data.program ?? 'on-chain'
  const minutes = Number.isFinite(data.age_ms) ? ` · scanned ${Math.round(data.age_ms / 60_000)} min ago` : ''
  if (data.state === 'live') {
    return { live: true, entries: data.entries, note: `${program} map live${minutes}` }
  }
  const state = data.state === 'frozen' ? 'frozen' : 'stale'
  const reason = data.reason ? `: ${data.reason}` : ''
  return { live: false, entries: undefined, note: `${program} map ${state}${reason}${minutes} (not shown as live)` }
}
