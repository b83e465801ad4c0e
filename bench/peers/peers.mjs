// The Node side of bench/peers/run.sh: ccxt's binanceusdm WebSocket handlers and the Drift and Velocity SDK builds'
// decodeUser, on the inputs PeersBench wrote to the work directory (the same frames and accounts perpwatch gets).
// One thread; each row: warm-up passes for --warmup-ms, then --rounds rounds of at least --round-ms of whole passes;
// a round's figure is ops / elapsed, the row's figure the median round. Writes node.json to the work directory.
// Usage: node peers.mjs --work=DIR [--rounds=5] [--round-ms=1000] [--warmup-ms=3000]
import { createRequire } from 'node:module'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')))
const work = args.work ?? 'target'
const rounds = Number(args.rounds ?? 5)
const roundMs = Number(args['round-ms'] ?? 1000)
const warmupMs = Number(args['warmup-ms'] ?? 3000)

const rows = []
const checks = {}
let sink = 0

function row(id, unit, opsPerPass, pass) {
  const start = performance.now()
  let warm = 0
  while (warm < 3 || performance.now() - start < warmupMs) { sink += pass(); warm++ }
  const figures = []
  for (let r = 0; r < rounds; r++) {
    let ops = 0
    const t0 = performance.now()
    let elapsed
    do { sink += pass(); ops += opsPerPass; elapsed = performance.now() - t0 } while (elapsed < roundMs)
    figures.push((ops * 1000) / elapsed)
  }
  const median = [...figures].sort((a, b) => a - b)[Math.floor(figures.length / 2)]
  rows.push({ id, unit, median, rounds: figures })
  console.log(`${id.padEnd(28)} ${Math.round(median).toLocaleString('en-US').padStart(14)} ${unit} (median of ${rounds})`)
}

const lines = (file) => readFileSync(join(work, file), 'utf8').split('\n').filter((l) => l.length > 0)

// ---- ccxt binanceusdm: handleTrade / handleOrderBook, called directly, as its WebSocket client would ----
const ccxt = require('ccxt')
const version = (pkg) => JSON.parse(readFileSync(new URL(`node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version
const ccxtVersion = version('ccxt')
const SYMBOL = 'SUSHI/USDT:USDT'
function exchange() {
  const ex = new ccxt.pro.binanceusdm({ enableRateLimit: false })
  // The markets fetchMarkets would load, for the one symbol the frames carry (no network here).
  ex.setMarkets([{
    id: 'SUSHIUSDT', symbol: SYMBOL, base: 'SUSHI', quote: 'USDT', settle: 'USDT',
    baseId: 'SUSHI', quoteId: 'USDT', settleId: 'USDT', type: 'swap', spot: false, margin: false, swap: true,
    future: false, option: false, contract: true, linear: true, inverse: false, active: true, contractSize: 1,
    precision: { price: 0.001, amount: 1 }, limits: { amount: {}, price: {}, cost: {} }, info: {},
  }])
  // A client object for the futures stream URL: never connected, handlers only resolve its (absent) futures.
  const client = ex.client('wss://fstream.binance.com/ws/peers-bench')
  return { ex, client }
}

const tradeFrames = lines('aggtrade.jsonl')
{
  const { ex, client } = exchange()
  // JSON.parse is counted: perpwatch's figure parses the frame text too.
  row('trades.ccxt', 'frames/s', tradeFrames.length, () => {
    let h = 0
    for (const frame of tradeFrames) {
      ex.handleTrade(client, JSON.parse(frame).data)
    }
    h += ex.trades[SYMBOL].length
    return h
  })
  const last = ex.trades[SYMBOL][ex.trades[SYMBOL].length - 1]
  checks.ccxtLastTrade = { symbol: last.symbol, id: last.id, price: last.price, amount: last.amount, side: last.side }
}

const depthFrames = lines('depth.jsonl')
const snapshotText = readFileSync(join(work, 'depth-snapshot.json'), 'utf8')
{
  const { ex, client } = exchange()
  let book
  // Per pass, as fetchOrderBookSnapshot leaves it: the recorded REST snapshot, its lastUpdateId as nonce; then
  // every frame through handleOrderBook (its pu-chain checks included).
  const pass = () => {
    const raw = JSON.parse(snapshotText)
    const snapshot = ex.parseOrderBook(raw, SYMBOL)
    snapshot.nonce = raw.lastUpdateId
    book = ex.orderBook({}, 1000)
    book.reset(snapshot)
    ex.orderbooks[SYMBOL] = book
    for (const frame of depthFrames) {
      ex.handleOrderBook(client, JSON.parse(frame).data)
    }
    if (ex.orderbooks[SYMBOL] !== book) throw new Error('ccxt dropped the book (pu chain broken?)')
    return book.nonce
  }
  row('depth.frames.ccxt', 'frames/s', depthFrames.length, pass)
  // ccxt's book against perpwatch's on the same recorded stream, level by level from the top.
  const ours = JSON.parse(readFileSync(join(work, 'perpwatch-depth-top.json'), 'utf8'))
  const compare = (mine, theirs) => {
    let i = 0
    while (i < mine.length && i < theirs.length && Number(mine[i][0]) === theirs[i][0] && Number(mine[i][1]) === theirs[i][1]) i++
    return i
  }
  checks.ccxtBook = {
    bidsEqualFromTop: compare(ours.bids, book.bids),
    asksEqualFromTop: compare(ours.asks, book.asks),
    compared: ours.bids.length,
    bidLevelsPerpwatch: ours.bidLevels, bidLevelsCcxt: book.bids.length,
    askLevelsPerpwatch: ours.askLevels, askLevelsCcxt: book.asks.length,
  }
  console.log('ccxt book vs perpwatch:', JSON.stringify(checks.ccxtBook))
}

// ---- decodeUser of the Drift SDK (real Drift v2 Users) and of the Velocity-addressed SDK build ----
function decodeRows(id, pkg, file) {
  const { decodeUser } = require(`${pkg}/lib/node/decode/user.js`)
  const accounts = JSON.parse(readFileSync(join(work, file), 'utf8')).map((b) => Buffer.from(b, 'base64'))
  const loops = 10
  row(id, 'accounts/s', accounts.length * loops, () => {
    let h = 0
    for (let k = 0; k < loops; k++) for (const a of accounts) h += decodeUser(a).subAccountId
    return h
  })
  return version(pkg)
}
const driftVersion = decodeRows('decode.drift.sdk', 'drift-sdk', 'drift-users.json')
const velocityVersion = decodeRows('decode.velocity.sdk', 'velocity-sdk', 'velocity-users.json')

writeFileSync(join(work, 'node.json'), JSON.stringify({
  node: process.version, ccxt: ccxtVersion, driftSdk: driftVersion, velocitySdk: velocityVersion, rows, checks,
}, null, 2))
console.log('sink', sink)
