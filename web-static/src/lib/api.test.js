import { afterEach, describe, expect, it, vi } from 'vitest'
import { getJson, routeOf } from './api.js'

afterEach(() => vi.unstubAllGlobals())

/** A fetch that answers config.json with no base and every route as {@code answer} says. */
const stubFetch = (answer) => vi.stubGlobal('fetch', vi.fn(async (url) => {
  if (url === './config.json') return { ok: true, json: async () => ({}) }
  return answer(url)
}))

describe('getJson', () => {
  it('names the failing route, without its query, and the status it answered', async () => {
    stubFetch(() => ({ ok: false, status: 503, json: async () => ({}) }))
    const error = await getJson('/api/engine/guards/history?symbol=ETH&hours=6').catch((e) => e)
    expect(error.message).toBe('/api/engine/guards/history answered 503')
    expect(error.route).toBe('/api/engine/guards/history')
    expect(error.status).toBe(503)
  })
  it('names the route when the API cannot be reached at all, with no status', async () => {
    stubFetch(() => { throw new TypeError('Failed to fetch') })
    const error = await getJson('/api/engine/guards?symbol=SOL').catch((e) => e)
    expect(error.message).toBe('/api/engine/guards unreachable')
    expect(error.route).toBe('/api/engine/guards')
    expect(error.status).toBeUndefined()
  })
  it('answers the JSON of a good answer', async () => {
    stubFetch(() => ({ ok: true, status: 200, json: async () => [{ symbol: 'SOL' }] }))
    expect(await getJson('/api/instruments')).toEqual([{ symbol: 'SOL' }])
    expect(routeOf('/api/x?y=1')).toBe('/api/x')
  })
})
