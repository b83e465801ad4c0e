// The API client. The base URL comes from config.json beside index.html, so one build serves every deployment.

let base = null

export async function apiBase() {
  if (base !== null) return base
  try {
    const response = await fetch('./config.json', { cache: 'no-store' })
    base = response.ok ? ((await response.json()).apiBase ?? '') : ''
  } catch {
    base = ''
  }
  return base
}

/**
 * GET a JSON route; throws with the status so the page can tell "API down" from "no scan yet". With
 * {@code revalidate} the browser sends If-None-Match and reuses its copy on a 304 (history routes carry ETags);
 * without it nothing is cached (the guards answer must always be fresh).
 */
export async function getJson(path, revalidate = false) {
  const response = await fetch(`${await apiBase()}${path}`, { cache: revalidate ? 'no-cache' : 'no-store' })
  if (!response.ok) {
    const error = new Error(`${path} answered ${response.status}`)
    error.status = response.status
    throw error
  }
  return response.json()
}
