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
 * GET a JSON route; throws an error naming the route, with the status when it answered, so the page can tell "API
 * down" from "no scan yet" and say which route failed. With
 * {@code revalidate} the browser sends If-None-Match and reuses its copy on a 304 (history routes carry ETags);
 * without it nothing is cached (the guards answer must always be fresh).
 */
export async function getJson(path, revalidate = false) {
  let response
  try {
    response = await fetch(`${await apiBase()}${path}`, { cache: revalidate ? 'no-cache' : 'no-store' })
  } catch (cause) {
    throw routeError(path, `${routeOf(path)} unreachable`, undefined, cause)
  }
  if (!response.ok) throw routeError(path, `${routeOf(path)} answered ${response.status}`, response.status)
  try {
    return await response.json()
  } catch (cause) {
    throw routeError(path, `${routeOf(path)} answered unreadable JSON`, response.status, cause)
  }
}

/** The route of a request, without its query: what an error names. */
export function routeOf(path) {
  return String(path).split('?')[0]
}

/** Every error from the API names its route ({@code route}) and, when it answered, its status. */
function routeError(path, message, status, cause) {
  const error = new Error(message, cause ? { cause } : undefined)
  error.route = routeOf(path)
  error.status = status
  return error
}
