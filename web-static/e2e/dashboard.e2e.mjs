// End-to-end: the built local cloud (synthetic market) and the dashboard in Debian's Chromium, driven by
// playwright-core. Run after `mvn package`: `node web-static/e2e/dashboard.e2e.mjs` (./perpwatch test does).
// Screenshots go to web-static/target/e2e/ (not committed).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, openSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..', '..')
const jar = path.join(root, 'localstack', 'target', 'perpwatch-local.jar')
const shots = path.join(root, 'web-static', 'target', 'e2e')
const browserPath = process.env.PERPWATCH_CHROMIUM ?? '/usr/bin/chromium'

function fail(message) {
  console.error(`dashboard e2e FAILED: ${message}`)
  process.exitCode = 1
  throw new Error(message)
}

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** One Redis command over RESP: enough to inject stream entries without a client library. */
function redis(port, args) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let reply = ''
    socket.on('data', (d) => { reply += d; socket.end() })
    socket.on('end', () => resolve(reply))
    socket.on('error', reject)
    socket.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join(''))
  })
}

/** Many Redis commands on one connection; resolves when every reply has arrived. */
function redisMany(port, commands) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1')
    let replies = 0
    let buffered = ''
    socket.on('data', (d) => {
      buffered += d
      const lines = buffered.split('\r\n')
      buffered = lines.pop()
      // XADD answers a bulk string ($n, then the id) or an error (-ERR …): count headers, not payload lines.
      for (const line of lines) if (line.startsWith('$') || line.startsWith('-')) replies++
      if (replies >= commands.length) socket.end()
    })
    socket.on('close', () => (replies >= commands.length ? resolve(replies) : reject(new Error(`only ${replies} replies`))))
    socket.on('error', reject)
    socket.write(commands.map((args) => `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join('')).join(''))
  })
}

/** 24 h of history the way the feeds write it: funding every 60 s, settled prints every 8 h, liquidations through the last hour. */
async function seedHistory(port, price) {
  const now = Date.now()
  const funding = []
  for (let t = now - 24 * 3_600_000 + 60_000; t < now - 120_000; t += 60_000) {
    const rate = (Math.sin(t / 7_200_000) * 0.0002).toFixed(8)
    const oi = 1.7e9 + (t % 86_400_000) * 2
    funding.push(['XADD', 'market:solusdt:funding', `${t}-0`, 'symbol', 'SOLUSDT', 'oi_notional', String(oi), 'oi_two_sided', String(2 * oi),
      'funding_rate', rate, 'funding_rate_8h', rate, 'funding_interval_h', '8', 'funding_apr', (rate * 3 * 365 * 100).toFixed(6),
      'next_funding_time', String(now + 3_600_000), 'mark_price', String(price), 'ts', String(t), 'recv_ts', String(t + 50),
      'oi_ts', String(Math.floor(t / 300_000) * 300_000)])
  }
  // Settled prints every 8 h, each written a minute after its settlement.
  const settled = []
  for (let s = Math.floor((now - 24 * 3_600_000) / 28_800_000 + 1) * 28_800_000; s + 60_000 < now - 120_000; s += 28_800_000) {
    const rate = (Math.sin(s / 7_200_000) * 0.0002).toFixed(8)
    settled.push(['XADD', 'market:solusdt:funding_settled', `${s + 60_000}-0`, 'symbol', 'SOLUSDT', 'funding_rate', rate, 'funding_rate_8h', rate,
      'funding_interval_h', '8', 'funding_apr', (rate * 3 * 365 * 100).toFixed(6), 'ts', String(s), 'recv_ts', String(s + 60_000)])
  }
  const liquidations = []
  for (let i = 0; i < 600; i++) {
    const t = now - 3_600_000 + 60_000 + i * 5_000
    const p = price * (1 + Math.sin(i) * 0.045)
    liquidations.push(['XADD', 'market:solusdt:liquidations', `${t}-0`, 'venue', 'okx', 'symbol', 'SOL-USDT-SWAP', 'side', i % 3 ? 'long' : 'short',
      'price', p.toFixed(2), 'quantity', '12', 'notional_usd', (p * 12).toFixed(2), 'ts', String(t), 'recv_ts', String(t + 20)])
  }
  // Entries must go in id order, and the feeds have already written a few: start the two streams afresh.
  await redis(port, ['DEL', 'market:solusdt:funding', 'market:solusdt:funding_settled', 'market:solusdt:liquidations'])
  await redisMany(port, funding)
  await redisMany(port, settled)
  await redisMany(port, liquidations)
}

async function until(what, timeoutMs, check) {
  const deadline = Date.now() + timeoutMs
  let last
  while (Date.now() < deadline) {
    try {
      if (await check()) return
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  fail(`${what} within ${timeoutMs} ms${last ? ` (${last.message})` : ''}`)
}

/**
 * Every card's caption is its bound from GET /api/engine/thresholds (the non-default ones this cloud runs with), the
 * required metrics are marked, and the footer names the version. Returns the thresholds.
 */
async function checkThresholdsShown(page) {
  const thresholds = await (await fetch(`${base}/api/engine/thresholds`)).json()
  const m = thresholds.metrics
  if (m.spread_bps.warn_above !== Number(THRESHOLDS_ENV.PERPWATCH_GUARD_SPREAD_WARN_BPS)) {
    fail(`the cloud ignored PERPWATCH_GUARD_SPREAD_WARN_BPS: ${JSON.stringify(m.spread_bps)}`)
  }
  const captions = {
    Spread: `warn above ${m.spread_bps.warn_above} bps`,
    'Depth 10 bps': `warn below $${m.depth_10bps.warn_below.toLocaleString('en-US')}`,
    'Funding APR': `warn beyond ±${m.funding_apr.warn_abs_above} %`,
    Basis: `warn beyond ±${m.basis_bps.warn_abs_above} bps`,
    'Liquidations 5 min': `breach above ${m.liq_events_5m.breach_above}`,
  }
  for (const [card, expected] of Object.entries(captions)) {
    const caption = await page.textContent(`[data-testid="card-${card}"] [data-testid="threshold"]`)
    if (!caption.startsWith(expected)) fail(`the ${card} card's caption is "${caption}", not the API's "${expected}…"`)
  }
  console.log(`captions from the API: ${Object.values(captions).join('; ')}`)
  // What is required is per instrument (Velocity's oracle metrics only where it is listed): the answer says.
  const required = (await (await fetch(`${base}/api/engine/guards`)).json()).required
  const cards = { spread_bps: 'Spread', depth_10bps: 'Depth 10 bps', funding_apr: 'Funding APR', basis_bps: 'Basis',
    oi_notional: 'Open interest', liq_events_5m: 'Liquidations 5 min' }
  for (const [metric, card] of Object.entries(cards)) {
    const marked = (await page.getAttribute(`[data-testid="card-${card}"]`, 'data-required')) === 'true'
    if (marked !== required.includes(metric)) fail(`the ${card} card is ${marked ? '' : 'not '}marked required; the API requires ${required}`)
  }
  // Each answer's required set is the thresholds' required plus the required_where_listed metrics of its venues.
  const applied = (await (await fetch(`${base}/api/engine/guards`)).json()).required
  const expected = [...thresholds.required, ...thresholds.required_where_listed.filter((m) => applied.includes(m))]
  const listed = await page.$$eval('[data-testid="required-metrics"] [data-metric]', (els) => els.map((e) => e.dataset.metric))
  if (listed.join() !== applied.join() || applied.join() !== expected.join()) fail(`the banner lists required ${listed}, the API ${applied} (thresholds ${expected})`)
  const version = await page.getAttribute('[data-testid="thresholds-version"]', 'data-version')
  if (version !== thresholds.version) fail(`the footer names thresholds ${version}, the API ${thresholds.version}`)
  console.log(`required ${listed.join(', ')} marked; thresholds ${version}`)
  return thresholds
}

/** A breach reads red, unlike a warning's amber. */
async function checkBreachBanner(page) {
  const status = await page.getAttribute('[data-testid="status"]', 'data-status')
  if (status !== 'breach') fail(`the guard status is ${status}, not breach`)
  const colour = await page.$eval('[data-testid="status"]', (e) => getComputedStyle(e).color)
  if (colour !== 'rgb(244, 63, 94)') fail(`the breach banner is ${colour}, not the alert red`)
}

/** Each venue's count as the API gives it, "not connected" instead of a count, and "sampled" beside a sampled venue. */
async function checkVenues(page) {
  const byVenue = (await (await fetch(`${base}/api/engine/guards`)).json()).liq_events_5m_by_venue
  for (const [venue, v] of Object.entries(byVenue)) {
    const text = await page.textContent(`[data-testid="liq-venue-${venue}"]`)
    const shown = v.connected ? /\d/.test(text) && !text.includes('not connected') : text.includes('not connected')
    if (!shown || v.sampled !== text.includes('sampled')) fail(`venue ${venue} shows "${text}" for ${JSON.stringify(v)}`)
  }
  if (byVenue.binance && !(await page.textContent('[data-testid="liq-venue-binance"]')).includes('sampled')) fail('Binance\'s count is not marked sampled')
  console.log(`venues: ${(await page.textContent('[data-testid="card-Liquidations 5 min"] ul')).replace(/\s+/g, ' ')}`)
}

/** Without the thresholds route no card is coloured: neutral with a note, or unknown, never a guessed pass/warn/breach. */
async function checkFailsClosed(browser) {
  const blind = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await blind.route('**/api/engine/thresholds', (route) => route.fulfill({ status: 503, body: '{}' }))
  await blind.goto(base)
  await blind.waitForSelector('[data-testid="card-Spread"]', { timeout: 15_000 })
  await blind.waitForTimeout(2_500)
  const levels = await blind.$$eval('[data-testid^="card-"]', (els) => els.map((e) => e.dataset.level))
  if (levels.some((l) => l !== 'neutral' && l !== 'unknown' && l !== 'not_configured')) fail(`cards coloured without thresholds: ${levels}`)
  const caption = await blind.textContent('[data-testid="card-Spread"] [data-testid="threshold"]')
  if (!caption.includes('thresholds not loaded')) fail(`the spread card's caption without thresholds is "${caption}"`)
  const footer = await blind.textContent('[data-testid="thresholds-version"]')
  if (!footer.includes('unavailable')) fail(`the footer without thresholds says "${footer}"`)
  await blind.screenshot({ path: path.join(shots, 'dashboard-no-thresholds.png'), fullPage: true })
  console.log(`without thresholds: cards ${[...new Set(levels)].join('/')}, "${footer}"`)
  await blind.close()
}

/**
 * The history strip (GET /api/engine/guards/history) shows the breach this test provoked: a breach segment that
 * starts at or after the injection, whose decision names the liquidation count as breaching once clicked.
 */
async function checkHistoryStrip(page, injectedAt) {
  const segment = '[data-testid="history-segment"][data-status="breach"]'
  await page.click('[data-testid="history-hours-1"]')
  await page.waitForSelector('[data-testid="guard-history"] h2:has-text("last 1 h")', { timeout: 5_000 }).catch(() => fail('the strip does not switch to 1 h'))
  let ts
  await until('a breach segment in the history strip from the provoked cascade', 30_000, async () => {
    const all = await page.$$eval(segment, (els) => els.map((e) => Number(e.dataset.ts)))
    ts = all.find((t) => t >= injectedAt - 1_000)
    return ts !== undefined
  })
  await page.locator(`${segment}[data-ts="${ts}"]`).dispatchEvent('click')
  await page.waitForSelector('[data-testid="history-detail"][data-status="breach"] [data-metric="liq_events_5m"][data-state="breach"]', { timeout: 5_000 })
    .catch(() => fail('the clicked breach segment does not show liq_events_5m breaching'))
  const detail = (await page.textContent('[data-testid="history-detail"]')).replace(/\s+/g, ' ')
  if (!(await page.$('[data-testid="history-ages"]'))) fail(`the clicked decision shows no input ages: ${detail}`)
  console.log(`history strip: provoked breach at ${new Date(ts).toISOString()}: ${detail.slice(0, 200)}`)
}

/**
 * Another instrument from the selector: the URL, the header and every panel follow it (each route is asked for the
 * new symbol, and what the instrument's venues do not carry reads "not configured", not stale); a reload of the URL
 * shows the same instrument.
 */
async function checkInstrumentSwitch(page) {
  const listed = (await (await fetch(`${base}/api/instruments`)).json()).map((i) => i.symbol)
  const offered = await page.$$eval('[data-testid="instrument-select"] option', (els) => els.map((e) => e.value))
  if (offered.join() !== listed.join()) fail(`the selector offers ${offered}, the API lists ${listed}`)
  const asked = new Set()
  const onRequest = (r) => {
    const url = new URL(r.url())
    if (url.searchParams.get('symbol') === 'ETH') asked.add(url.pathname)
  }
  page.on('request', onRequest)
  await page.selectOption('[data-testid="instrument-select"]', 'ETH')
  await page.waitForSelector('[data-testid="title"][data-symbol="ETH"]', { timeout: 10_000 })
    .catch(() => fail('the header does not name ETH after selecting it'))
  if (new URL(page.url()).searchParams.get('symbol') !== 'ETH') fail(`the URL does not keep the symbol: ${page.url()}`)
  await page.waitForSelector('[data-testid="guard-history"][data-symbol="ETH"]', { timeout: 15_000 })
    .catch(() => fail('the history strip does not follow ETH'))
  await page.waitForSelector('[data-testid="card-Spread"][data-level="pass"], [data-testid="card-Spread"][data-level="warn"], [data-testid="card-Spread"][data-level="breach"]', { timeout: 30_000 })
    .catch(() => fail('ETH\'s spread card is not judged'))
  const eth = await (await fetch(`${base}/api/engine/guards?symbol=ETH`)).json()
  for (const [card, metric] of [['Funding APR', 'funding_apr'], ['Basis', 'basis_bps'], ['Open interest', 'oi_notional'],
    ['Velocity spread', 'velocity_spread_bps'], ['Oracle age', 'velocity_oracle_age_slots'], ['Basis vs Binance', 'basis_velocity_bps']]) {
    if (eth.guards[metric].state !== 'not_configured') fail(`the API says ETH ${metric} is ${eth.guards[metric].state}`)
    const level = await page.getAttribute(`[data-testid="card-${card}"]`, 'data-level')
    const text = await page.textContent(`[data-testid="card-${card}"]`)
    if (level !== 'not_configured' || !text.includes('not configured') || /stale|no live data/.test(text)) fail(`ETH's ${card} card reads "${text}" (${level})`)
  }
  for (const panel of ['oi-chart', 'funding-sparkline']) {
    if ((await page.getAttribute(`[data-testid="${panel}"]`, 'data-state')) !== 'not_configured') fail(`ETH's ${panel} does not read not configured`)
  }
  const venues = await page.$$eval('[data-testid^="liq-venue-"]', (els) => els.map((e) => e.dataset.testid.slice('liq-venue-'.length)))
  if (venues.join() !== Object.keys(eth.liq_events_5m_by_venue).join()) fail(`ETH's liquidation card lists venues ${venues}, the API ${Object.keys(eth.liq_events_5m_by_venue)}`)
  if (!(await page.$('[data-testid="onchain-other"]'))) fail('ETH shows no word on the on-chain map (SOL\'s market)')
  await page.waitForFunction(() => {
    const heatmap = document.querySelector('[data-testid="heatmap"]')
    return !heatmap || !Number(heatmap.dataset.onchainLevels)
  }, null, { timeout: 5_000 }).catch(() => fail('SOL\'s on-chain levels are drawn on ETH\'s heatmap'))
  await page.waitForTimeout(1_500)
  page.off('request', onRequest)
  for (const route of ['/api/engine/guards', '/api/engine/guards/history', '/api/market/liq_heatmap', '/api/market/oi_history', '/api/market/funding_history']) {
    if (!asked.has(route)) fail(`${route} was not asked for ETH after the switch (asked: ${[...asked]})`)
  }
  console.log(`switched to ETH: routes ${[...asked].join(', ')}; venues ${venues}; Bybit, OKX and Velocity cards not configured`)
  await page.screenshot({ path: path.join(shots, 'dashboard-eth-1440x900.png'), fullPage: true })

  // Back (history) returns to SOL; a fresh load of ?symbol=eth (any case) shows ETH again.
  await page.goBack()
  await page.waitForSelector('[data-testid="title"][data-symbol="SOL"]', { timeout: 10_000 }).catch(() => fail('Back does not return to SOL'))
  await page.goto(`${base}/?symbol=eth`)
  await page.waitForSelector('[data-testid="title"][data-symbol="ETH"]', { timeout: 15_000 }).catch(() => fail('?symbol=eth does not show ETH'))
  if ((await page.inputValue('[data-testid="instrument-select"]')) !== 'ETH') fail('the selector does not show the URL\'s ETH')
  await page.waitForSelector('[data-testid="card-Basis"][data-level="not_configured"]', { timeout: 15_000 }).catch(() => fail('ETH\'s basis (no OKX) is not "not configured" after a reload'))
  console.log('Back returns to SOL; ?symbol=eth loads as ETH')
  await page.selectOption('[data-testid="instrument-select"]', 'SOL')
  await page.waitForSelector('[data-testid="title"][data-symbol="SOL"]', { timeout: 10_000 })
}

/** A failing route is named at the top; when it answers again the page is live again without a reload. */
async function checkReconnect(page) {
  const guardsRoute = (url) => url.pathname === '/api/engine/guards'
  await page.route(guardsRoute, (route) => route.abort('connectionrefused'))
  await page.waitForSelector('[data-testid="api-error"] [data-route="/api/engine/guards"]', { timeout: 10_000 })
    .catch(() => fail('an unreachable guards route is not named'))
  const text = (await page.textContent('[data-testid="api-error"]')).replace(/\s+/g, ' ')
  await page.screenshot({ path: path.join(shots, 'dashboard-api-error-1440x900.png'), fullPage: true })
  await page.unroute(guardsRoute)
  const back = Date.now()
  await page.waitForSelector('[data-testid="api-error"]', { state: 'detached', timeout: 10_000 })
    .catch(() => fail('the error stays after the guards route answers again'))
  const ts = await page.textContent('header span.text-zinc-500')
  console.log(`reconnect: "${text}" → live again after ${Date.now() - back} ms without a reload (${ts})`)
}

/**
 * A cell whose content is known: liquidations ten hours ago (a 24 h map's 2 h column that nothing else writes), all
 * at one price 3 % above the current one, 2 longs and 1 short, 8 SOL in all. Written by id now, as a late feed would:
 * the heatmap bins by venue time.
 */
const KNOWN = { agoMs: 10 * 3_600_000, sizes: [1.5, 2.5, 4], sides: ['long', 'short', 'long'] }

async function injectKnownCell(port, price) {
  const ts = Date.now() - KNOWN.agoMs
  const p = Number((price * 1.03).toFixed(2))
  for (let i = 0; i < KNOWN.sizes.length; i++) {
    await redis(port, ['XADD', 'market:solusdt:liquidations', '*', 'venue', 'okx', 'symbol', 'SOL-USDT-SWAP', 'side', KNOWN.sides[i],
      'price', String(p), 'quantity', String(KNOWN.sizes[i]), 'notional_usd', (p * KNOWN.sizes[i]).toFixed(2), 'ts', String(ts + i), 'recv_ts', String(ts + i)])
  }
  return { ts, price: p, notional: KNOWN.sizes.reduce((n, q) => n + p * q, 0) }
}

/** Liquidations the page's heatmap shows in the time column holding {@code ts} (0 when no column holds it). */
function columnCount(ts) {
  const map = document.querySelector('[data-testid="heatmap"]')
  const start = Number(map?.dataset.timeStart)
  const end = Number(map?.dataset.timeEnd)
  const cols = Number(map?.dataset.columns)
  if (!(ts >= start && ts < end)) return 0
  const col = Math.floor((ts - start) / (end - start) * cols)
  return [...map.querySelectorAll(`rect[data-time-bin="${col}"]`)].reduce((n, r) => n + Number(r.dataset.count ?? 0), 0)
}

/** The tooltip's rows as {label: value}. */
async function tooltipRows(page, testid) {
  await page.waitForSelector(`[data-testid="${testid}"]`, { timeout: 3_000 }).catch(() => fail(`no ${testid} appeared`))
  return page.$$eval(`[data-testid="${testid}"] tr`, (rows) => Object.fromEntries(rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent])))
}

/** "$1.23M" as the dashboard writes it (lib/format.js usd). */
function usdText(v) {
  const abs = Math.abs(v)
  if (abs >= 1e9) return `$${(abs / 1e9).toFixed(2)}B`
  if (abs >= 1e6) return `$${(abs / 1e6).toFixed(2)}M`
  if (abs >= 1e3) return `$${(abs / 1e3).toFixed(1)}k`
  return `$${abs.toFixed(0)}`
}

/** The cell the known liquidations fell in, per the API's own 24 h answer: its time bin. */
async function knownTimeBin(known) {
  const map = await (await fetch(`${base}/api/market/liq_heatmap?hours=24`)).json()
  const bin = map.time_bins.find((b) => known.ts >= b.start && known.ts < b.end)
  if (!bin) fail(`no 24 h time bin holds ${known.ts}: ${JSON.stringify(map.time_bins.map((b) => [b.start, b.end]))}`)
  const cells = map.cells.filter((c) => c.time_bin === bin.index)
  if (cells.length !== 1 || cells[0].count !== KNOWN.sizes.length) fail(`the known time bin holds ${JSON.stringify(cells)}`)
  return { bin, cell: cells[0], map }
}

/**
 * The heatmap as a trader reads it: axes with ticks and the current price's value, a legend, the range selector
 * (4 h asks the API for hours=4 and keeps ?hours=4 in the URL beside the other parameters), and the tooltip over the
 * known cell telling its count, size, notional, sides, price range and time bin; an on-chain level's own tooltip.
 */
async function checkHeatmapReadable(page, known) {
  const priceTicks = await page.$$eval('[data-testid="price-tick"]', (els) => els.map((e) => e.textContent))
  const timeTicks = await page.$$eval('[data-testid="time-tick"]', (els) => els.map((e) => e.textContent))
  if (priceTicks.length < 3 || priceTicks.some((t) => !/^[\d,]+(\.\d+)?$/.test(t))) fail(`price axis ticks: ${priceTicks}`)
  if (timeTicks.length < 3 || timeTicks.some((t) => !/^\d\d:\d\d$/.test(t))) fail(`time axis ticks: ${timeTicks}`)
  const current = await page.textContent('[data-testid="current-price"]')
  if (!/^[\d,]+\.\d+$/.test(current)) fail(`the current price reads "${current}"`)
  const legend = (await page.textContent('[data-testid="heatmap-legend"]'))
  if (!legend.includes('$0')) fail(`the legend reads "${legend}"`)
  console.log(`heatmap axes: price ${priceTicks.join(' ')} (current ${current}); time ${timeTicks.join(' ')}; legend ${legend}`)

  // Range: 4 h asks for hours=4 and says so in the URL, beside what was there.
  const asked = page.waitForRequest((r) => r.url().includes('/api/market/liq_heatmap') && new URL(r.url()).searchParams.get('hours') === '4', { timeout: 5_000 })
  await page.click('[data-testid="heatmap-range"] button[data-hours="4"]')
  await asked.catch(() => fail('clicking 4 h sent no liq_heatmap request with hours=4'))
  await page.waitForSelector('[data-testid="heatmap"][data-hours="4"]', { timeout: 5_000 }).catch(() => fail('the heatmap did not switch to 4 h'))
  const url = new URL(page.url())
  if (url.searchParams.get('hours') !== '4' || url.searchParams.get('e2e') !== '1') fail(`the URL after 4 h is ${page.url()}`)
  console.log(`range 4 h: requested hours=4, URL ${url.search}`)

  // Render cost on 24 h of data: take (and clear) what the shorter windows cost, then measure from here.
  await page.evaluate(() => window.perpwatchRenderTimings?.())
  await page.click('[data-testid="heatmap-range"] button[data-hours="24"]')
  await page.waitForSelector('[data-testid="heatmap"][data-hours="24"]', { timeout: 5_000 }).catch(() => fail('the heatmap did not switch to 24 h'))
  const { bin } = await knownTimeBin(known)
  const rect = `[data-testid="heatmap"] rect[data-time-bin="${bin.index}"][data-count="${KNOWN.sizes.length}"]`
  await page.waitForSelector(rect, { timeout: 5_000 }).catch(() => fail(`no cell in time bin ${bin.index} shows ${KNOWN.sizes.length} liquidations`))
  await page.hover(rect)
  const rows = await tooltipRows(page, 'heatmap-tooltip')
  const expected = { liquidations: '3', 'total size': '8.00 SOL', notional: usdText(known.notional), longs: '2', shorts: '1' }
  for (const [k, v] of Object.entries(expected)) if (rows[k] !== v) fail(`the tooltip's ${k} is "${rows[k]}", not "${v}" (${JSON.stringify(rows)})`)
  const [low, high] = rows.price.split(' – ').map((t) => Number(t.replace(/,/g, '')))
  if (!(low <= known.price && known.price < high + 0.01) ) fail(`the tooltip's price range is ${rows.price}, the injected price ${known.price}`)
  const title = await page.textContent('[data-testid="heatmap-tooltip"] > div')
  const hm = (t) => { const d = new Date(t); return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}` }
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
  if (zone === Intl.DateTimeFormat().resolvedOptions().timeZone && title !== `${hm(bin.start)}–${hm(bin.end)}`) fail(`the tooltip's time bin reads "${title}"`)
  console.log(`tooltip over the known cell: ${title} · ${JSON.stringify(rows)}`)
  await (await page.$('[data-testid="heatmap"]')).screenshot({ path: path.join(shots, 'heatmap-tooltip-1440x900.png') })
  await page.mouse.move(0, 0)

  // An on-chain level: its own tooltip, the accounts there.
  const level = await page.$('[data-testid="onchain-levels"] rect[data-level]')
  if (level) {
    await level.hover()
    const lrows = await tooltipRows(page, 'level-tooltip')
    if (!/^\d+ \(\d+ long · \d+ short\)$/.test(lrows.accounts ?? '')) fail(`the level tooltip reads ${JSON.stringify(lrows)}`)
    const nearest = await page.$$eval('[data-testid="level-tooltip"] li', (els) => els.map((e) => e.textContent))
    if (!nearest.length) fail('the level tooltip lists no account')
    console.log(`level tooltip: ${JSON.stringify(lrows)}; nearest ${nearest[0]}`)
    await page.mouse.move(0, 0)
  }
  const labels = await page.$$eval('[data-testid="level-label"]', (els) => els.map((e) => e.textContent))
  if (level && (!labels.length || labels.some((l) => !/^[LS] \$[\d.]+[kMB]?$/.test(l)))) fail(`on-chain level labels: ${labels}`)
  console.log(`on-chain level labels: ${labels.join(', ')}`)
  return bin
}

/** On a phone, a tap opens the tooltip (pinned) and a second tap closes it; ?hours=24 in the URL selects 24 h. */
async function checkHeatmapTap(phone, bin) {
  await phone.waitForSelector('[data-testid="heatmap"][data-hours="24"]', { timeout: 15_000 }).catch(() => fail('?hours=24 did not select 24 h'))
  const rect = `[data-testid="heatmap"] rect[data-time-bin="${bin.index}"][data-count="${KNOWN.sizes.length}"]`
  await phone.waitForSelector(rect, { timeout: 5_000 })
  await phone.tap(rect)
  const rows = await tooltipRows(phone, 'heatmap-tooltip')
  if (rows.liquidations !== '3' || rows['total size'] !== '8.00 SOL') fail(`the tapped tooltip reads ${JSON.stringify(rows)}`)
  if ((await phone.getAttribute('[data-testid="heatmap-tooltip"]', 'data-pinned')) !== 'true') fail('a tap did not pin the tooltip')
  await phone.screenshot({ path: path.join(shots, 'heatmap-tap-390x844.png'), fullPage: true })
  await phone.tap(rect)
  await phone.waitForSelector('[data-testid="heatmap-tooltip"]', { state: 'detached', timeout: 2_000 }).catch(() => fail('a second tap did not close the tooltip'))
  console.log(`tap on a phone: ${JSON.stringify(rows)}, closed by a second tap`)
}

/**
 * Under the drift-v2 profile (Drift v2 as it is now: every pause bit set) the on-chain map is frozen: the heatmap's
 * card says so in words, with the reason, and draws no level as live. A second cloud of its own, started here.
 */
async function checkFrozenMap(browser) {
  const port = await freePort()
  const rport = await freePort()
  const log = openSync(path.join(shots, 'local-cloud-drift-v2.log'), 'w')
  const drift = spawn('java', ['-jar', jar, '--mode=synthetic', `--port=${port}`, `--redis-port=${rport}`],
    { cwd: root, stdio: ['ignore', log, log], env: { ...process.env, PERPWATCH_ONCHAIN_PROGRAM: 'drift-v2' } })
  const url = `http://localhost:${port}`
  try {
    await until('the drift-v2 cloud\'s first liquidation-map scan', 240_000, async () => (await fetch(`${url}/api/onchain/liq-map?limit=1`)).status === 200)
    const map = await (await fetch(`${url}/api/onchain/liq-map?limit=1`)).json()
    if (map.state !== 'frozen') fail(`the drift-v2 map is ${map.state} (${map.reason}), not frozen`)
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.goto(url)
    await page.waitForSelector('[data-testid="onchain-state"][data-state="frozen"]', { timeout: 15_000 })
      .catch(() => fail('no frozen-map banner under drift-v2'))
    const text = await page.textContent('[data-testid="onchain-state"]')
    if (!text.includes('frozen') || (map.reason && !text.includes(map.reason))) fail(`the frozen banner reads "${text}" for reason "${map.reason}"`)
    await page.waitForSelector('[data-testid="heatmap"]', { timeout: 15_000 })
    const levels = await page.getAttribute('[data-testid="heatmap"]', 'data-onchain-levels')
    if (levels !== '0') fail(`a frozen map is drawn as ${levels} live on-chain levels`)
    await page.screenshot({ path: path.join(shots, 'dashboard-drift-v2-frozen.png'), fullPage: true })
    console.log(`drift-v2: "${text}", no level drawn`)
    await page.close()
  } finally {
    drift.kill('SIGTERM')
  }
}

if (!existsSync(browserPath)) {
  console.log(`dashboard e2e SKIPPED: no Chromium at ${browserPath} (./perpwatch test installs Debian's chromium when run as root)`)
  process.exit(0)
}
if (!existsSync(jar)) fail(`${jar} is missing: build with mvn package first`)
mkdirSync(shots, { recursive: true })

// Thresholds unlike the defaults, so a card can only show them by reading GET /api/engine/thresholds.
const THRESHOLDS_ENV = { PERPWATCH_GUARD_SPREAD_WARN_BPS: '12.5', PERPWATCH_GUARD_LIQ_5M_BREACH: '7', PERPWATCH_GUARD_MIN_DEPTH_USD: '45000' }
// Two instruments, as in issue 20's multi-instrument run: SOL on every venue, ETH on Binance only (a third would
// only add feed load to a run whose freshness checks allow 2 s).
const INSTRUMENTS = JSON.stringify([
  { canonical: 'SOL', binance: 'SOLUSDT', okx_usdt: 'SOL-USDT-SWAP', okx_usdc: 'SOL-USDC-SWAP', bybit: 'SOLUSDT', velocity: { symbol: 'SOL-PERP', market_index: 0 } },
  { canonical: 'ETH', binance: 'ETHUSDT' },
])

const apiPort = await freePort()
const redisPort = await freePort()
// The cloud's log goes beside the screenshots: when a check fails in CI, it says what the feeds were doing.
const cloudLog = openSync(path.join(shots, 'local-cloud.log'), 'w')
const cloud = spawn('java', ['-jar', jar, '--mode=synthetic', `--port=${apiPort}`, `--redis-port=${redisPort}`],
  { cwd: root, stdio: ['ignore', cloudLog, cloudLog], env: { ...process.env, PERPWATCH_GUARD_CACHE: '1s', PERPWATCH_INSTRUMENTS: INSTRUMENTS, ...THRESHOLDS_ENV } })
const base = `http://localhost:${apiPort}`
let browser
try {
  await until('the local cloud answering with a live price', 90_000, async () => {
    const g = await (await fetch(`${base}/api/engine/guards`)).json()
    return typeof g.price === 'number' && typeof g.spread_bps === 'number'
  })
  const price0 = (await (await fetch(`${base}/api/engine/guards`)).json()).price
  // Seeding replaces the funding stream, the poller's own samples with it: seed first, so the poller's next sample
  // (every 60 s) lands while the first Drift scan (200,000 simulated accounts) runs.
  await seedHistory(redisPort, price0)
  const known = await injectKnownCell(redisPort, price0)
  await until('the first Drift liquidation-map scan', 180_000, async () => (await fetch(`${base}/api/onchain/liq-map?limit=1`)).status === 200)
  await until('a live funding sample after the seeding', 90_000, async () =>
    ((await (await fetch(`${base}/api/engine/guards`)).json()).ages_ms?.funding_apr ?? Infinity) < 75_000)
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(`${base}/?e2e=1`)
  // Coloured (pass or warn, not neutral) only once the thresholds the guards answer names are loaded.
  await page.waitForSelector('[data-testid="card-Spread"][data-level="pass"], [data-testid="card-Spread"][data-level="warn"]', { timeout: 15_000 })
  const spread = await page.textContent('[data-testid="card-Spread"]')
  if (!/\d+\.\d+ bps/.test(spread)) fail(`the spread card shows no number: ${spread}`)
  console.log(`cards show numbers: ${spread.replace(/\s+/g, ' ')}`)
  const thresholds = await checkThresholdsShown(page)

  // Drift positions that liquidate inside the heatmap's band show beside it as on-chain levels.
  const nearby = (await (await fetch(`${base}/api/onchain/liq-map?max_distance_bps=400&limit=1`)).json()).matched
  if (nearby > 0) {
    await page.waitForSelector('[data-testid="heatmap"]:not([data-onchain-levels="0"])', { timeout: 15_000 })
      .catch(async () => {
        await page.screenshot({ path: path.join(shots, 'dashboard-no-onchain-levels.png'), fullPage: true })
        const state = await page.textContent('[data-testid="onchain-state"]').catch(() => 'no state line')
        fail(`${nearby} Drift positions liquidate within 4 % but the heatmap shows no on-chain level (${state})`)
      })
  }
  console.log(`on-chain levels: ${await page.getAttribute('[data-testid="heatmap"]', 'data-onchain-levels')} positions (${nearby} within 4 %)`)

  // A cascade: one liquidation more than the API's breach bound, on a venue the guards count (a connected one; the
  // guards are in breach anyway while no liquidation feed is connected, so that alone would prove nothing) → the
  // liquidation count itself breaches → the card turns red and the banner reads breach.
  const cascade = thresholds.metrics.liq_events_5m.breach_above + 1
  let venue
  await until('a connected liquidation venue', 90_000, async () => {
    const byVenue = (await (await fetch(`${base}/api/engine/guards`)).json()).liq_events_5m_by_venue ?? {}
    venue = Object.keys(byVenue).find((v) => byVenue[v].connected)
    return venue !== undefined
  })
  const before = await (await fetch(`${base}/api/engine/guards`)).json()
  if (before.guards.liq_events_5m.state === 'breach') fail(`the liquidation count breaches before the cascade: ${before.liq_events_5m}`)
  const now = Date.now()
  const liqsBefore = await page.evaluate(columnCount, now)
  for (let i = 0; i < cascade; i++) {
    await redis(redisPort, ['XADD', 'market:solusdt:liquidations', '*', 'venue', venue, 'symbol', 'SOLUSDT', 'side', 'long',
      'price', String(before.price * 0.985), 'quantity', '250', 'notional_usd', String(before.price * 0.985 * 250), 'ts', String(now), 'recv_ts', String(now)])
  }
  const injected = Date.now()
  await page.waitForSelector('[data-testid="card-Liquidations 5 min"][data-level="breach"]', { timeout: 2_000 })
    .catch(() => fail(`the liquidations card did not turn red within 2 s of ${cascade} ${venue} liquidations`))
  console.log(`liquidations card red after ${Date.now() - injected} ms (${cascade} on ${venue}, breach above ${cascade - 1})`)
  // The heatmap is a history answer: each instance keeps it up to 60 s (HistoryCache.LIVE_EDGE), so the new
  // liquidations show within that and a poll, not within the guards' 2 s. Counted in the cascade's own column: the
  // window slides meanwhile, and the seeded hour's oldest column leaves it.
  await page.waitForFunction(`(${columnCount})(${now}) >= ${liqsBefore + cascade}`, undefined,
    { timeout: Math.max(1, 62_000 - (Date.now() - injected)) })
    .catch(() => fail('the injected liquidations did not appear in the heatmap within 62 s (60 s history cache + a poll)'))
  console.log(`heatmap shows the new liquidations after ${Date.now() - injected} ms`)
  await checkBreachBanner(page)
  const after = (await (await fetch(`${base}/api/engine/guards`)).json()).liq_events_5m_by_venue[venue]
  if (!(after.count >= cascade)) fail(`the API counts ${after.count} ${venue} liquidations after ${cascade} were injected`)
  await checkVenues(page)
  await checkHistoryStrip(page, injected)
  await page.screenshot({ path: path.join(shots, 'dashboard-1440x900.png'), fullPage: true })
  const knownBin = await checkHeatmapReadable(page, known)
  // Polls and hovers re-render the 24 h map: a few of each before the render timings are read.
  for (const r of await page.$$('[data-testid="heatmap"] rect[data-count]:not([data-count="0"])')) await r.hover().catch(() => {})
  await page.waitForTimeout(11_000)
  await checkInstrumentSwitch(page)
  await checkReconnect(page)

  await checkFailsClosed(browser)

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true })
  await phone.goto(`${base}/?hours=24`)
  await checkHeatmapTap(phone, knownBin)
  await phone.waitForSelector('[data-testid="status"]', { timeout: 15_000 })
  await phone.waitForTimeout(1_500)
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  if (overflow > 0) fail(`the page is ${overflow} px wider than a 390 px phone`)
  await phone.screenshot({ path: path.join(shots, 'dashboard-390x844.png'), fullPage: true })

  // Render cost of each component on 24 h of data, from the browser's own clock (Performance API): median and
  // worst over every render since the heatmap switched to 24 h (each poll and hover re-renders). Taking them clears
  // them in the page.
  const timings = await page.evaluate(() => {
    if (typeof window.perpwatchRenderTimings !== 'function') return null
    const by = window.perpwatchRenderTimings()
    return Object.entries(by).map(([name, d]) => {
      d.sort((a, b) => a - b)
      return { name, renders: d.length, median: d[Math.floor(d.length / 2)], p95: d[Math.floor(d.length * 0.95)], max: d[d.length - 1] }
    })
  })
  if (timings === null) fail('the local cloud serves a build without render timings: it must package web-static\'s profiling build (npm run build:profiling; mvn package does)')
  for (const t of timings) console.log(`${t.name}: ${t.renders} renders, median ${t.median.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms, max ${t.max.toFixed(2)} ms`)
  cloud.kill('SIGTERM')
  await checkFrozenMap(browser)
  console.log(`dashboard e2e passed; screenshots in ${shots}`)
} finally {
  if (browser) await browser.close()
  cloud.kill('SIGTERM')
}
