// Writes bench/results/peers.md from the JSON the sides of one bench/peers/run.sh left in the work directory.
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import os from 'node:os'

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')))
const work = args.work
const read = (f) => JSON.parse(readFileSync(join(work, f), 'utf8'))
const passes = Number(args.passes ?? 1)
const javas = Array.from({ length: passes }, (_, i) => read(`java.${i + 1}.json`))
const nodes = Array.from({ length: passes }, (_, i) => read(`node.${i + 1}.json`))
// The checks and versions of the last pass; each row's rounds from every pass, its median over all of them.
const java = javas[passes - 1]
const node = nodes[passes - 1]
const python = existsSync(join(work, 'python.json')) ? read('python.json') : { skipped: 'not run' }
const rows = new Map()
for (const r of [...javas.flatMap((j) => j.rows), ...nodes.flatMap((n) => n.rows), ...(python.rows ?? [])]) {
  const row = rows.get(r.id) ?? { id: r.id, unit: r.unit, rounds: [], passes: [] }
  row.rounds.push(...r.rounds)
  row.passes.push(r.median)
  rows.set(r.id, row)
}
for (const row of rows.values()) {
  const sorted = [...row.rounds].sort((a, b) => a - b)
  const n = sorted.length
  row.median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}
const checksHold = javas.every((j) => Object.values(j.checks).every((c) => typeof c !== 'object' || (c.bidsAllEqual && c.asksAllEqual && c.topAndDepthEqual)))
  && nodes.every((n) => n.checks.ccxtBook.bidsEqualFromTop === n.checks.ccxtBook.compared && n.checks.ccxtBook.asksEqualFromTop === n.checks.ccxtBook.compared)
const text = (f) => (existsSync(join(work, f)) ? readFileSync(join(work, f), 'utf8').trim() : 'n/a')

const fmt = (x) => Math.round(x).toLocaleString('en-US')
const mega = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`)
const ratio = (a, b) => (rows.has(a) && rows.has(b) ? rows.get(a).median / rows.get(b).median : NaN)
const cell = (id) => (rows.has(id) ? `${mega(rows.get(id).median)} ${rows.get(id).unit}` : 'n/a')
const cpu = (() => {
  try { return readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)[1] } catch { return os.cpus()[0]?.model }
})()

const lines = []
const p = (s = '') => lines.push(s)
p('# Peers: perpwatch side by side with XChange, ccxt, cryptofeed and the Drift / Velocity SDKs')
p()
p(`Command: \`bench/peers/run.sh --passes=${passes} --rounds=${args.rounds} --round-ms=${args['round-ms']} --warmup-ms=${args['warmup-ms']}\``)
p('(builds with `mvn -q -B -pl bench -am package -DskipTests`, then runs')
p('`java -Xmx2g -cp bench/target/benchmarks.jar perpwatch.bench.peers.PeersBench` and `node bench/peers/peers.mjs`')
p('on the inputs the first writes to `bench/peers/target/`, and this report with `node bench/peers/report.mjs`).')
p()
p(`Machine: ${os.cpus().length} cores (\`nproc\`), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ${java.java}; Node ${node.node}.`)
// The time the measuring ended, not the time this report was written (it can be re-written from the same work dir).
const measuredAt = existsSync(join(work, 'load-after.txt')) ? statSync(join(work, 'load-after.txt')).mtime : new Date()
p(`Measured until ${measuredAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. The machine was shared with other builds:`)
p(`load before: \`${text('load-before.txt')}\`; after: \`${text('load-after.txt')}\`.`)
p()
p(`Every figure: one thread (so per core), warm-up for ${args['warmup-ms']} ms, then **${args.rounds} rounds** of at least`)
p(`${args['round-ms']} ms of whole passes over the input (a row and its JVM peer alternate round by round); a round's figure`)
p(`is ops / elapsed. The JVM and Node sides ran **${passes} times in turn** (JVM, Node, JVM, …) so both met the same`)
p(`spells of load; the figure shown is the **median of all ${passes * Number(args.rounds)} rounds** of a row. Ratios are perpwatch ÷ peer`)
p('from this same run. Per-round figures and each pass\'s median are at the end.')
const spreads = [...rows.values()].map((r) => [r.id, Math.max(...r.rounds) / Math.min(...r.rounds)]).sort((a, b) => b[1] - a[1])
p(`Rounds of one row spread by up to ${spreads[0][1].toFixed(1)}× (max ÷ min, \`${spreads[0][0]}\`) on this shared machine: read`)
p('the ratios as rough, and the quiet-machine JMH results (`depth-book.md`, `aggtrade-pipeline.md`)')
p('for perpwatch\'s absolute figures.')
p()
p('| work | perpwatch | peer | peer figure | ratio |')
p('|---|---|---|---|---|')
const line = (work, ours, theirs, peerName) =>
  p(`| ${work} | ${cell(ours)} | ${peerName} | ${cell(theirs)} | ${ratio(ours, theirs).toFixed(1)}× |`)
line('order book diff apply (generated SOL book, 1,000 levels a side, 20,000 diffs × 10 levels)', 'book.apply.perpwatch', 'book.apply.xchange', 'XChange 5.2.4 `OrderBook.update(OrderBookUpdate)`')
line('order book apply + top + 10 bps depth after every diff', 'book.top.perpwatch', 'book.top.xchange', 'XChange 5.2.4 `update` + the same view from `getBids/getAsks`')
line('Binance aggTrade frame → bar (recorded SUSHIUSDT frames, repeated)', 'trades.perpwatch', 'trades.ccxt', `ccxt ${node.ccxt} binanceusdm \`JSON.parse\` + \`handleTrade\``)
if (rows.has('trades.cryptofeed')) {
  line('Binance aggTrade frame → handler', 'trades.perpwatch', 'trades.cryptofeed', `cryptofeed ${python.version} BinanceFutures`)
} else {
  p(`| Binance aggTrade frame → handler | ${cell('trades.perpwatch')} | cryptofeed BinanceFutures | ${python.skipped ?? 'skipped'} | — |`)
}
line('Binance depth frame → synced book (recorded SUSHIUSDT frames after the REST snapshot, repeated)', 'depth.frames.perpwatch', 'depth.frames.ccxt', `ccxt ${node.ccxt} binanceusdm \`JSON.parse\` + \`handleOrderBook\``)
line('Drift User decode (100 real mainnet accounts, looped)', 'decode.drift.perpwatch', 'decode.drift.sdk', `@drift-labs/sdk ${node.driftSdk} \`decodeUser\``)
line('Velocity User decode (the same 100 users at the 4,560-byte layout, looped)', 'decode.velocity.perpwatch', 'decode.velocity.sdk', `@drift-labs/sdk ${node.velocitySdk} (Velocity build) \`decodeUser\``)
p()
p('**JSON parse floor** (Jackson streaming `JsonParser`, every token of every frame, nothing else):')
p()
p('| frames | Jackson floor | perpwatch path | perpwatch ÷ floor |')
p('|---|---|---|---|')
p(`| aggTrade (recorded, repeated) | ${cell('json.floor.trades')} | ${cell('trades.perpwatch')} | ${(100 * ratio('trades.perpwatch', 'json.floor.trades')).toFixed(0)} % |`)
p(`| depth@100ms (recorded, repeated) | ${cell('json.floor.depth')} | ${cell('depth.frames.perpwatch')} | ${(100 * ratio('depth.frames.perpwatch', 'json.floor.depth')).toFixed(0)} % |`)
p()
p('## Same book at the end')
p()
p(`Every check below held in every pass: **${checksHold}**. The last pass:`)
p()
const c = java.checks
const bookCheck = (name, what) => {
  const k = c[name]
  if (!k) return
  const all = k.bidsAllEqual && k.asksAllEqual
  p(`- ${what}: perpwatch and XChange ${all ? '**agree on every level**' : '**differ**'} (bids: ${k.bidsEqualFromTop} equal from the top of ${k.bidsPerpwatch} / ${k.bidsXchange}; asks: ${k.asksEqualFromTop} of ${k.asksPerpwatch} / ${k.asksXchange}); top 20 equal: ${k.bidsTop20Equal && k.asksTop20Equal}; best levels, spread and 10 bps depth equal: ${k.topAndDepthEqual} (perpwatch ${k.perpwatchTop}; XChange ${k.xchangeTop}).`)
}
bookCheck('book.generated', 'Generated stream, fresh books, snapshot + every diff once')
bookCheck('book.generated.afterTiming', 'Generated stream, the books the timed rounds used (every pass applies the whole diff array, so both end in the same state)')
bookCheck('book.recordedSUSHIUSDT', 'Recorded SUSHIUSDT stream (REST snapshot + the 252 frames that apply to it), fresh books')
const k = node.checks.ccxtBook
p(`- Recorded SUSHIUSDT stream, perpwatch's synchronizer vs ccxt's book after the timed rounds: top ${k.compared} levels equal from the top: bids ${k.bidsEqualFromTop}, asks ${k.asksEqualFromTop}; levels held: bids ${k.bidLevelsPerpwatch} / ${k.bidLevelsCcxt}, asks ${k.askLevelsPerpwatch} / ${k.askLevelsCcxt} (perpwatch / ccxt).`)
const t = node.checks.ccxtLastTrade
p(`- ccxt's last trade: ${t.symbol} id ${t.id} price ${t.price} amount ${t.amount} ${t.side}; ${c.tradeFrames.toLocaleString('en-US')} frames per pass.`)
p()
p('## Inputs and what each side does')
p()
p('- **Book.** `DepthBookData` (the generator `DepthBookBenchmark` uses): 1,000 levels a side at a 0.01 tick around 150,')
p('  20,000 pu-chained diffs of 10 levels, 80 % within 20 ticks of the top, a fifth removals. One op = one level update.')
p('  Each book gets the diffs in its own input type, built before timing: perpwatch `OrderBook.apply` its parsed')
p('  `DepthUpdate`s (levels already scaled longs: its parser reads the text straight into units, timed in the depth-frame')
p('  row), XChange one `OrderBookUpdate` per level holding the generator\'s own BigDecimals (total volume 0 removes).')
p('  "+ top" computes best bid/ask and sizes, spread in bps and the notional within 10 bps of')
p('  mid on both sides after every diff: perpwatch `OrderBook.top`, XChange the same sums in BigDecimal over `getBids()` /')
p('  `getAsks()` (checked equal above).')
p('- **Feed handler.** The 40 recorded SUSHIUSDT `aggTrade` frames (combined-stream wrapper, 2021 schema) repeated 2,500')
p('  times with `a`, `f`, `l`, `E`, `T` shifted per copy so ids and times rise. perpwatch: `BinanceAggTradeParser` →')
p('  `TradeIdSequencer` → `MinuteBarAggregator` → `BarCodec` fields of closed bars (the `AggTradePipelineBenchmark` path).')
p('  ccxt: `JSON.parse` of the frame text, then `handleTrade(client, data)` on a never-connected futures-URL client')
p('  with the market set by `setMarkets`. Depth: the 252 recorded frames that apply after the REST snapshot, repeated')
p('  200 times with `U`, `u`, `pu` shifted so the chain holds; per pass each side loads the snapshot, then perpwatch')
p('  parses every frame into its `BookSynchronizer`, ccxt runs `JSON.parse` + `handleOrderBook` on each.')
p('- **Decode.** Drift: the 100 real mainnet User dumps in `shared/fixtures/drift`, `ProgramProfile.DRIFT_V2.decoders().user`')
p('  vs the SDK\'s `decodeUser`. Velocity: the same users re-encoded by `VelocityAccountEncoder` at Velocity\'s current')
p('  4,560-byte User, `ProgramProfile.VELOCITY` vs the Velocity-addressed SDK build\'s `decodeUser`. That build only knows')
p('  the early 4,376-byte layout, so it reads these bytes at its own offsets: its work per account is the same, its')
p('  fields past the changed offsets are not meaningful. The SDK decodes every field (orders included); perpwatch')
p('  decodes what the margin math reads.')
p(`- **cryptofeed.** ${python.skipped ? `${python.skipped}: PyPI is not reachable from these machines; the script runs it when a Python with cryptofeed is on PATH or in \`CRYPTOFEED_PYTHON\`.` : `version ${python.version}.`}`)
p()
p('## Targets (issue 23, item 2)')
p()
const target = (what, value, goal, met) => p(`| ${what} | ${value} | ${goal} | ${met ? 'met' : 'missed'} |`)
p('| target | this run | goal | |')
p('|---|---|---|---|')
const trades = rows.get('trades.perpwatch').median
const floorRatio = rows.get('json.floor.trades').median / trades
target('aggTrade frame → bar per core', `${mega(trades)} frames/s; floor ÷ perpwatch ${floorRatio.toFixed(2)}×`, '≥ 2 M/s, or within 2× of the floor', trades >= 2e6 || floorRatio <= 2)
target('vs ccxt (trades)', `${ratio('trades.perpwatch', 'trades.ccxt').toFixed(1)}×`, '≥ 10×', ratio('trades.perpwatch', 'trades.ccxt') >= 10)
target('book apply + top vs XChange', `${ratio('book.top.perpwatch', 'book.top.xchange').toFixed(1)}×`, '≥ 5×', ratio('book.top.perpwatch', 'book.top.xchange') >= 5)
target('Drift decode vs SDK', `${ratio('decode.drift.perpwatch', 'decode.drift.sdk').toFixed(1)}×`, '≥ 10×', ratio('decode.drift.perpwatch', 'decode.drift.sdk') >= 10)
target('Velocity decode vs SDK', `${ratio('decode.velocity.perpwatch', 'decode.velocity.sdk').toFixed(1)}×`, '≥ 10×', ratio('decode.velocity.perpwatch', 'decode.velocity.sdk') >= 10)
const load = loadSections()
for (const t of load.targets) target(...t)
p()
p('Where a target is missed, what is left and what the profile shows: the hot paths in the profile sections at the end')
p('of this report; the guards in [guards-load.md](guards-load.md) (the request that meets a changed input waits for its')
p('recompute); the cold start without SnapStart in [cold-start.md](cold-start.md) (about 8,000 classes loaded and the')
p('JIT; SnapStart with the priming is what is deployed).')
p()
for (const l of load.lines) p(l)
p()
p('## Per-round figures')
p()
for (const r of rows.values()) {
  p(`- \`${r.id}\` (${r.unit}): ${r.rounds.map(fmt).join(' · ')} (per pass: ${r.passes.map(fmt).join(', ')})`)
}
// The profile is its own run (see its command); kept beside the script so a re-run of the bench keeps it.
const profile = new URL('profile.md', import.meta.url)
if (existsSync(profile)) {
  p()
  p(readFileSync(profile, 'utf8').trim())
}
writeFileSync(args.out, lines.join('\n') + '\n')

/** The per-phase table ApiLoadBenchmark prints last (header, rule and rows), or nothing. */
function phases (text) {
  const at = text.indexOf('| rate req/s | route | phase start')
  if (at < 0) return []
  const rows = []
  for (const l of text.slice(at).split('\n')) {
    if (!l.startsWith('|')) break
    rows.push(l)
  }
  return rows
}

/** A JMH result's parameters as ` (k=v, …)`, or nothing. */
function params (r) {
  return r.params ? ` (${Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ')})` : ''
}

/** Issue 23 items 3-6 from load.sh's fragments (absent with --no-load): sections and target rows. */
function loadSections () {
  const dir = join(work, 'load')
  const out = { lines: [], targets: [] }
  if (!existsSync(dir)) {
    out.lines.push('(Load, freshness, cold start and rollup not run: `--no-load`.)')
    return out
  }
  const file = (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null)
  const L = (s = '') => out.lines.push(s)
  const median = (xs) => {
    const v = [...xs].sort((a, b) => a - b)
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2
  }

  L('## Guards at the floor (issue 23, item 3)')
  L()
  L('The local cloud in its own JVM (`PERPWATCH_DURABLE_LOG=off java -Xmx1g -cp bench/target/benchmarks.jar perpwatch.local.LocalCloud`:')
  L('synthetic venues, every feed task, Redis as its own process, the API on Netty), then')
  L('`java -Xmx256m -XX:+UseSerialGC -cp bench/target/benchmarks.jar perpwatch.bench.load.ApiLoadBenchmark --routes=ping,guards')
  L('--rates=1000,5000,20000 --seconds=10 --warmup=3 --rounds=2`: constant-rate open loop, latency from each request\'s due time')
  L('(HdrHistogram), `GET /api/engine/guards` and the no-op `GET /api/ping` on the same Netty pipeline in alternating')
  L('phases. Target: guards p99 ≤ 1.2× ping p99 at each rate.')
  if (existsSync(join(dir, 'quick'))) {
    L('**Smoke run (`--quick-load`): short phases and few forks; not figures to quote.**')
  }
  L(`Load: before \`${(file('api-load-before.txt') ?? 'n/a').trim()}\`; after \`${(file('api-load-after.txt') ?? 'n/a').trim()}\`.`)
  L()
  const api = file('api-load.txt') ?? ''
  const summary = api.split('\n').filter((l) => /^\| [\d,]+ \| \w+ \| \d+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]* \|$/.test(l))
  L('| rate req/s | route | rounds | median p50 ms | median p99 ms | median p99.9 ms | p99 / ping p99 |')
  L('|---|---|---|---|---|---|---|')
  for (const l of summary) L(l)
  L()
  const apiPhases = phases(api)
  if (apiPhases.length) {
    L('Every phase (achieved rate, send delay, service time, queue, the driver\'s CPU):')
    L()
    for (const l of apiPhases) L(l)
    L()
  }
  for (const l of summary) {
    const c = l.split('|').map((x) => x.trim())
    if (c[2] === 'guards') out.targets.push([`guards p99 ÷ ping p99 at ${c[1]} req/s`, `${c[7]}×`, '≤ 1.2×', Number(c[7]) <= 1.2])
  }
  const wrk = file('wrk.txt') ?? 'not run'
  L(`Cross-check, \`wrk -t1 -c32 -d10s --latency\` (closed loop, its latency is service time) on the same cloud right after, ${(file('wrk-version.txt') ?? '').trim() || 'wrk'}:`)
  L()
  const wrkRows = []
  for (const block of wrk.split('### ').slice(1)) {
    const head = block.split('\n')[0]
    const rps = (block.match(/Requests\/sec:\s+([\d.]+)/) ?? [])[1]
    const p50 = (block.match(/\n\s+50%\s+(\S+)/) ?? [])[1]
    const p99 = (block.match(/\n\s+99%\s+(\S+)/) ?? [])[1]
    wrkRows.push(`| ${head} | ${rps ? fmt(Number(rps)) : 'n/a'} | ${p50 ?? 'n/a'} | ${p99 ?? 'n/a'} |`)
  }
  if (wrkRows.length) {
    L('| round, route (load avg) | req/s | p50 | p99 |')
    L('|---|---|---|---|')
    for (const r of wrkRows) L(r)
  } else {
    L(wrk.trim())
  }
  L()

  L('### The webhook on the same driver')
  L()
  L('`ApiLoadBenchmark --routes=ping,webhook-tx --rates=1000,5000 --seconds=10 --warmup=3 --rounds=1` on the same cloud:')
  L('`POST /api/webhooks/helius`, each delivery one new generated Drift transaction (so none is a duplicate), parsed,')
  L('deduplicated and appended to Redis; this cloud runs without the durable log, so no Kinesis put is in the ack.')
  L()
  const hookPhases = phases(file('webhook-load.txt') ?? '')
  if (hookPhases.length) for (const l of hookPhases) L(l)
  else L('not run')
  L()

  L('## Freshness (issue 23, item 4)')
  L()
  L('`java -cp bench/target/benchmarks.jar perpwatch.bench.harness.HardeningHarness --scenarios=7` (its own cloud; guards')
  L('asked at 1,000 req/s; the lag is the venue event\'s time to the first answer that shows it). Its report:')
  L()
  const fresh = file('freshness.md')
  if (fresh) {
    const at = fresh.indexOf('## 7. Freshness')
    for (const l of fresh.slice(at >= 0 ? at : 0).split('\n').slice(at >= 0 ? 1 : 0)) L(l.startsWith('#') ? '#' + l : l)
  } else {
    L('not run')
  }
  L()

  L('## Cold start (issue 23, item 5)')
  L()
  L('`java -jar bench/target/benchmarks.jar LambdaColdStartBenchmark -f 5` (JMH single shot, a fresh JVM per fork; the JVM\'s')
  L('own start is not in the figure; the Redis it talks to is a local redis-server). `initAndFirstGuardsRequest` is a')
  L('Lambda without SnapStart: build the handler, answer one guards request. `restoredFirstGuardsRequest` is the first')
  L('request after SnapStart\'s hooks ran (primed=true: the priming warmed the guards path before the checkpoint;')
  L('primed=false: a snapshot without it). [cold-start.md](cold-start.md) has the profile and the whole-process figures.')
  L()
  L('Default JVM flags:')
  L()
  const jmh = (f) => (file(f) ? JSON.parse(file(f)) : [])
  const jmhTable = (results) => {
    L('| benchmark | mode | forks × shots | median | min | max | unit |')
    L('|---|---|---|---|---|---|---|')
    for (const r of results) {
      const raw = r.primaryMetric.rawData.flat()
      const name = r.benchmark.replace(/^perpwatch\.bench\./, '') + params(r)
      L(`| \`${name}\` | ${r.mode} | ${r.forks} × ${raw.length / Math.max(1, r.forks)} | ${median(raw).toFixed(1)} | ${Math.min(...raw).toFixed(1)} | ${Math.max(...raw).toFixed(1)} | ${r.primaryMetric.scoreUnit} |`)
    }
  }
  const cold = jmh('coldstart.json')
  if (cold.length) jmhTable(cold)
  else L('not run')
  L()
  L('As deployed (`-jvmArgsAppend "-Djmh.shutdownTimeout=0 -XX:+TieredCompilation -XX:TieredStopAtLevel=1"`, the HTTP API')
  L('functions\' `JAVA_TOOL_OPTIONS`):')
  L()
  const coldC1 = jmh('coldstart-c1.json')
  if (coldC1.length) jmhTable(coldC1)
  else L('not run')
  for (const r of coldC1) {
    const raw = r.primaryMetric.rawData.flat()
    const ms = r.primaryMetric.scoreUnit === 'ms/op' ? median(raw) : NaN
    out.targets.push([`cold start, as deployed: \`${r.benchmark.split('.').pop()}\`${params(r)}`, `${ms.toFixed(0)} ms (median of ${raw.length})`, '≤ 1,000 ms', ms <= 1000])
  }
  L()

  L('## Rollup (issue 23, item 6: a regression check, no target)')
  L()
  L('`java -jar bench/target/benchmarks.jar ArchiveRollupBenchmark -f 1 -wi 2 -i 5` (one hour of a dataset in memory: dedupe,')
  L('order, Parquet):')
  L()
  const rollup = jmh('rollup.json')
  if (rollup.length) jmhTable(rollup)
  else L('not run')
  L()
  L(`Load after these: \`${(file('load-after.txt') ?? 'n/a').trim()}\`.`)
  return out
}
