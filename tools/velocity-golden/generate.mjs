// Golden vectors for perpwatch's Velocity margin math, computed by the Velocity-addressed Drift SDK build.
// Run by hand (not in CI): npm ci && node generate.mjs
// Writes ../../feed-tasks/src/test/resources/onchain/velocity/golden/vectors.json.
//
// This SDK build's IDL describes an early Velocity User (4,376 B) and PerpMarket (1,240 B), not the deployed
// layouts, so perpwatch cannot decode these bytes with its production tables. The vectors therefore carry the
// decoded FIELDS as the SDK itself reads them back; VelocitySdkGoldenVectorsTest builds perpwatch's records from
// those fields and holds the margin math to the SDK's answers. The bytes are kept for provenance only.
import { createRequire } from 'node:module'
import { writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const sdk = require('@drift-labs/sdk')
// The SDK's own anchor (0.32), so the IDL is read exactly as its DriftClient reads it (camelCased by Program).
const sdkRequire = createRequire(require.resolve('@drift-labs/sdk'))
const anchor = sdkRequire('@coral-xyz/anchor')
const { BN } = anchor
const { PublicKey } = sdkRequire('@solana/web3.js')
const rawIdl = sdkRequire('./idl/drift.json')

const program = new anchor.Program(rawIdl, { connection: {} })
const idl = program.idl
const coder = program.coder.accounts
const types = new Map(idl.types.map((t) => [t.name, t]))

// A zero value of any IDL type, so every field the coder expects exists; the cases below override what matters.
function zero(type) {
  if (typeof type === 'string') {
    if (type === 'pubkey' || type === 'publicKey') return PublicKey.default
    if (type === 'bool') return false
    if (['u8', 'i8', 'u16', 'i16', 'u32', 'i32'].includes(type)) return 0
    return new BN(0)
  }
  if (type.array) return Array.from({ length: type.array[1] }, () => zero(type.array[0]))
  if (type.defined) {
    const def = types.get(type.defined.name ?? type.defined)
    if (def.type.kind === 'enum') return { [def.type.variants[0].name]: {} }
    return Object.fromEntries(def.type.fields.map((f) => [f.name, zero(f.type)]))
  }
  throw new Error('no zero for ' + JSON.stringify(type))
}
const account = (name) => zero({ defined: { name } })
const variants = (name) => types.get(name).type.variants.map((v) => v.name)
const variantIndex = (typeName, value) => variants(typeName).indexOf(Object.keys(value)[0])
const key = (n) => { const b = Buffer.alloc(32); b[0] = n; b[31] = 7; return new PublicKey(b) }

const SOL = 1_000_000_000
const USD = new BN(1_000_000)
const INTEREST_ONE = new BN(10).pow(new BN(10))
const SOL_ORACLE = key(1), BTC_ORACLE = key(2), USDT_ORACLE = key(3)

// Velocity launch shape: SOL-PERP 0 and BTC-PERP 1, quoted in USDT (spot 0); SOL spot 1 on SOL-PERP's Lazer feed.
function perpMarket(index, name, oracle, price, imf, maint, init) {
  const m = account('perpMarket')
  m.pubkey = key(10 + index); m.marketIndex = index
  m.name = Array.from(Buffer.from(name.padEnd(32, ' ')))
  m.amm.oracle = oracle; m.amm.oracleSource = { pythLazer: {} }
  m.amm.historicalOracleData.lastOraclePrice = price; m.amm.mmOraclePrice = price
  m.amm.cumulativeFundingRateLong = new BN('1234567890123'); m.amm.cumulativeFundingRateShort = new BN('1234000000000')
  m.amm.orderStepSize = new BN(10_000_000)
  m.imfFactor = imf; m.marginRatioInitial = init; m.marginRatioMaintenance = maint
  m.unrealizedPnlMaintenanceAssetWeight = 10_000; m.unrealizedPnlInitialAssetWeight = 10_000
  m.status = { active: {} }; m.contractType = { perpetual: {} }; m.quoteSpotMarketIndex = 0
  return m
}

function spotMarket(index, name, oracle, source, price, decimals, assetW, liabW, imf, depositInterest, borrowInterest) {
  const m = account('spotMarket')
  m.pubkey = key(20 + index); m.marketIndex = index; m.oracle = oracle; m.oracleSource = source
  m.name = Array.from(Buffer.from(name.padEnd(32, ' ')))
  m.historicalOracleData.lastOraclePrice = price
  m.decimals = decimals; m.initialAssetWeight = assetW; m.maintenanceAssetWeight = assetW
  m.initialLiabilityWeight = liabW; m.maintenanceLiabilityWeight = liabW; m.imfFactor = imf
  m.cumulativeDepositInterest = depositInterest; m.cumulativeBorrowInterest = borrowInterest
  m.status = { active: {} }
  return m
}

const solPrice = new BN(150).mul(USD)
const btcPrice = new BN(90_000).mul(USD)
const usdtPrice = new BN(999_800)
const USDT_DEPOSIT_INTEREST = INTEREST_ONE.add(INTEREST_ONE.divn(20))
const SOL_BORROW_INTEREST = INTEREST_ONE.add(INTEREST_ONE.divn(10))
const markets = {
  perp: [
    perpMarket(0, 'SOL-PERP', SOL_ORACLE, solPrice, 50, 300, 500),
    perpMarket(1, 'BTC-PERP', BTC_ORACLE, btcPrice, 0, 300, 500),
  ],
  spot: [
    spotMarket(0, 'USDT', USDT_ORACLE, { pythLazerStableCoin: {} }, USD, 6, 10_000, 10_000, 0,
      USDT_DEPOSIT_INTEREST, INTEREST_ONE.add(INTEREST_ONE.divn(12))),
    spotMarket(1, 'SOL', SOL_ORACLE, { pythLazer: {} }, solPrice, 9, 9_000, 11_000, 1_000,
      INTEREST_ONE.add(INTEREST_ONE.divn(50)), SOL_BORROW_INTEREST),
  ],
}
const oraclePrices = { [SOL_ORACLE.toBase58()]: solPrice, [BTC_ORACLE.toBase58()]: btcPrice, [USDT_ORACLE.toBase58()]: usdtPrice }

function user(spots, perps, { idle = false } = {}) {
  const u = account('user')
  u.authority = key(9); u.subAccountId = 0; u.lastActiveSlot = new BN(300_000_000); u.idle = idle
  u.name = Array.from(Buffer.from('Main Account'.padEnd(32, ' ')))
  spots.forEach((s, i) => Object.assign(u.spotPositions[i], s))
  perps.forEach((p, i) => Object.assign(u.perpPositions[i], p))
  return u
}
// USDT scaled balance (1e9) that the deposit interest turns back into exactly `usd` tokens.
const usdtScaled = (usd) => new BN(Math.round(usd * 1e6)).mul(new BN(1000)).mul(INTEREST_ONE).div(USDT_DEPOSIT_INTEREST)
const usdt = (usd) => ({ marketIndex: 0, scaledBalance: usdtScaled(usd), balanceType: { deposit: {} } })
const solSpot = (scaled, borrow) => ({ marketIndex: 1, scaledBalance: new BN(scaled), balanceType: borrow ? { borrow: {} } : { deposit: {} } })
function perp(market, baseSol, entry, { fundingLag = 0, isolatedUsd = 0 } = {}) {
  const base = new BN(Math.round(baseSol * SOL))
  const quote = new BN(Math.round(-baseSol * entry * 1e6))
  const cumulative = baseSol > 0 ? new BN('1234567890123') : new BN('1234000000000')
  return { marketIndex: market, baseAssetAmount: base, quoteAssetAmount: quote, quoteBreakEvenAmount: quote, quoteEntryAmount: quote,
    lastCumulativeFundingRate: market === 0 ? cumulative.sub(new BN(fundingLag)) : new BN(0),
    isolatedPositionScaledBalance: isolatedUsd ? usdtScaled(isolatedUsd) : new BN(0),
    positionFlag: isolatedUsd ? sdk.PositionFlag.IsolatedPosition : 0 }
}

// Leverage = SOL notional / collateral at $150: 1x = $3,000 of SOL on $3,000, 20x = $30,000 on $1,500.
const cases = [
  ['long_1x', user([usdt(3_000)], [perp(0, 20, 149)])],
  ['long_5x', user([usdt(1_200)], [perp(0, 40, 151)])],
  ['long_20x', user([usdt(1_500)], [perp(0, 200, 150.5)])],
  ['short_2x', user([usdt(2_000)], [perp(0, -26, 151)])],
  ['short_10x_owing_funding', user([usdt(700)], [perp(0, -46, 149, { fundingLag: -4_000_000_000 })])],
  ['long_with_sol_deposit', user([usdt(800), solSpot(5 * SOL, false)], [perp(0, 40, 150.2)])],
  // 4 SOL borrowed: the scaled balance makes the token amount a multiple of 20 lamports, so its value at $150 is
  // whole (the two SDKs round a borrow's value differently otherwise, see docs/velocity-layout.md).
  ['long_with_sol_borrow', user([usdt(3_000), solSpot(3_636_363_636, true)], [perp(0, 45, 149.9)])],
  ['short_hedged_by_sol_deposit', user([usdt(300), solSpot(30 * SOL, false)], [perp(0, -25, 150)])],
  ['long_and_btc_short', user([usdt(1_500)], [perp(0, 30, 151), perp(1, -0.02, 91_000)])],
  ['whale_long_imf', user([usdt(2_000_000)], [perp(0, 60_000, 150)])],
  ['fully_collateralized_long', user([usdt(100_000)], [perp(0, 0.5, 150)])],
  ['isolated_long_10x', user([usdt(5_000)], [perp(0, 10, 150, { isolatedUsd: 150 })])],
  ['isolated_short_4x', user([usdt(200)], [perp(0, -8, 151, { isolatedUsd: 300 })])],
  ['idle_usdt_only', user([usdt(250)], [], { idle: true })],
  ['btc_only', user([usdt(1_000)], [perp(1, 0.01, 90_000)])],
]

function oracleData(price) {
  return { price, slot: new BN(300_000_000), confidence: new BN(0), hasSufficientNumberOfDataPoints: true, twap: price, twapConfidence: new BN(0) }
}

// The coder's encode() writes into a fixed 1,000-byte buffer; these accounts are larger, so use its layouts directly.
function encode(name, value) {
  const { discriminator, layout } = coder.accountLayouts.get(name)
  const body = Buffer.alloc(10_000)
  const n = layout.encode(value, body)
  return Buffer.concat([Buffer.from(discriminator), body.subarray(0, n)])
}
const perpBytes = markets.perp.map((m) => encode('perpMarket', m))
const spotBytes = markets.spot.map((m) => encode('spotMarket', m))
const perps = perpBytes.map((b) => coder.decode('perpMarket', b))
const spots = spotBytes.map((b) => coder.decode('spotMarket', b))
const driftClient = {
  getPerpMarketAccount: (i) => perps[i],
  getPerpMarketAccounts: () => perps,
  getSpotMarketAccount: (i) => spots[i],
  getSpotMarketAccounts: () => spots,
  getQuoteSpotMarketAccount: () => spots[0],
  getOracleDataForPerpMarket: (i) => oracleData(oraclePrices[perps[i].amm.oracle.toBase58()]),
  getMMOracleDataForPerpMarket: (i) => oracleData(oraclePrices[perps[i].amm.oracle.toBase58()]),
  getOracleDataForSpotMarket: (i) => oracleData(oraclePrices[spots[i].oracle.toBase58()]),
  getStateAccount: () => ({ liquidationMarginBufferRatio: 0, initialPctToLiquidate: 0, liquidationDuration: 0 }),
}

// Where this SDK build and velocity-v1's current packages/sdk compute differently, a vector is only written if the
// case stays clear of the difference (docs/velocity-layout.md, "Margin math", lists them all).
function assertBothSdksAgree(name, decoded) {
  for (const m of perps) {
    if (!('active' in m.status)) throw new Error(`${name}: settlement values PnL at expiryPrice, which perpwatch does not read`)
    if (m.poolId !== 0) throw new Error(`${name}: velocity-v1 refuses a pool mismatch, this build does not check`)
  }
  const quote = spots[0]
  if (quote.maintenanceAssetWeight !== 10_000 || quote.maintenanceLiabilityWeight !== 10_000 || quote.imfFactor !== 0) {
    throw new Error(`${name}: velocity-v1 counts the quote market unweighted, this build weighs it`)
  }
  if (decoded.poolId !== 0) throw new Error(`${name}: pool id`)
  for (const p of decoded.spotPositions) {
    if (p.scaledBalance.isZero() || !('borrow' in p.balanceType)) continue
    if (p.marketIndex === 0) throw new Error(`${name}: a quote borrow is weighted here and not in velocity-v1`)
    const market = spots[p.marketIndex]
    const tokens = sdk.getTokenAmount(p.scaledBalance, market, p.balanceType)
    const price = oraclePrices[market.oracle.toBase58()]
    // velocity-v1 floors a negative token value (toward -inf), this build truncates it (toward 0).
    if (!tokens.mul(price).mod(new BN(10).pow(new BN(market.decimals))).isZero()) {
      throw new Error(`${name}: borrow value ${tokens} × ${price} is not whole; the SDKs round it differently`)
    }
  }
}

const str = (bn) => bn.toString()
function marketFields(m, isPerp) {
  const common = { pubkey: m.pubkey.toBase58(), market_index: m.marketIndex, name: Buffer.from(m.name).toString().trim() }
  if (isPerp) {
    return { ...common, oracle: m.amm.oracle.toBase58(), oracle_source: variantIndex('oracleSource', m.amm.oracleSource),
      last_oracle_price: str(m.amm.historicalOracleData.lastOraclePrice), mm_oracle_price: str(m.amm.mmOraclePrice),
      cumulative_funding_rate_long: str(m.amm.cumulativeFundingRateLong), cumulative_funding_rate_short: str(m.amm.cumulativeFundingRateShort),
      imf_factor: m.imfFactor, margin_ratio_initial: m.marginRatioInitial, margin_ratio_maintenance: m.marginRatioMaintenance,
      unrealized_pnl_maintenance_asset_weight: m.unrealizedPnlMaintenanceAssetWeight,
      status: variantIndex('marketStatus', m.status), contract_type: variantIndex('contractType', m.contractType) }
  }
  return { ...common, oracle: m.oracle.toBase58(), oracle_source: variantIndex('oracleSource', m.oracleSource),
    last_oracle_price: str(m.historicalOracleData.lastOraclePrice),
    cumulative_deposit_interest: str(m.cumulativeDepositInterest), cumulative_borrow_interest: str(m.cumulativeBorrowInterest),
    maintenance_asset_weight: m.maintenanceAssetWeight, maintenance_liability_weight: m.maintenanceLiabilityWeight,
    imf_factor: m.imfFactor, decimals: m.decimals }
}
function userFields(u) {
  return {
    authority: u.authority.toBase58(), sub_account_id: u.subAccountId, status: u.status, idle: u.idle,
    max_margin_ratio: u.maxMarginRatio, last_active_slot: str(u.lastActiveSlot),
    spot_positions: u.spotPositions.map((p) => ({ market_index: p.marketIndex, scaled_balance: str(p.scaledBalance),
      borrow: 'borrow' in p.balanceType, open_bids: str(p.openBids), open_asks: str(p.openAsks), open_orders: p.openOrders })),
    perp_positions: u.perpPositions.map((p) => ({ market_index: p.marketIndex, base_asset_amount: str(p.baseAssetAmount),
      quote_asset_amount: str(p.quoteAssetAmount), quote_break_even_amount: str(p.quoteBreakEvenAmount),
      quote_entry_amount: str(p.quoteEntryAmount), last_cumulative_funding_rate: str(p.lastCumulativeFundingRate),
      open_bids: str(p.openBids), open_asks: str(p.openAsks), open_orders: p.openOrders, max_margin_ratio: p.maxMarginRatio,
      position_flag: p.positionFlag, isolated_position_scaled_balance: str(p.isolatedPositionScaledBalance) })),
  }
}

const vectors = []
for (const [name, u] of cases) {
  const bytes = encode('user', u)
  const decoded = coder.decode('user', bytes)
  assertBothSdksAgree(name, decoded)
  const sdkUser = Object.create(sdk.User.prototype)
  sdkUser.driftClient = driftClient
  sdkUser.getUserAccount = () => decoded
  const sol = decoded.perpPositions.find((p) => p.marketIndex === 0 && !p.baseAssetAmount.isZero())
  const isolated = sol !== undefined && sdkUser.isPerpPositionIsolated(sol)
  // The SDK answers an isolated position only when asked for its isolated bucket; the cross answer would be the
  // cross account's, which does not margin it.
  const liq = sol === undefined ? null
    : sdkUser.liquidationPrice(0, undefined, undefined, 'Maintenance', false, undefined, isolated ? 'Isolated' : 'Cross')
  vectors.push({
    name,
    user_bytes: bytes.toString('base64'),
    user: userFields(decoded),
    expected: {
      margin_type: isolated ? 'isolated' : 'cross',
      liq_price: liq === null ? null : liq.toString(),
      total_collateral: str(sdkUser.getTotalCollateral('Maintenance', false)),
      margin_requirement: str(sdkUser.getMarginRequirement('Maintenance', undefined, false)),
      isolated_total_collateral: isolated ? str(sdkUser.getTotalCollateral('Maintenance', false, true, undefined, 0)) : null,
      isolated_margin_requirement: isolated ? str(sdkUser.getMarginRequirement('Maintenance', undefined, false, true, 0)) : null,
    },
  })
}

const out = {
  sdk: require('@drift-labs/sdk/package.json').version,
  idl_address: rawIdl.address,
  user_size: vectors[0] ? Buffer.from(vectors[0].user_bytes, 'base64').length : null,
  perp_markets: perps.map((m) => marketFields(m, true)),
  spot_markets: spots.map((m) => marketFields(m, false)),
  oracle_prices: Object.fromEntries(Object.entries(oraclePrices).map(([k, v]) => [k, v.toString()])),
  vectors,
}
const target = join(dirname(fileURLToPath(import.meta.url)), '../../feed-tasks/src/test/resources/onchain/velocity/golden/vectors.json')
mkdirSync(dirname(target), { recursive: true })
writeFileSync(target, JSON.stringify(out, null, 2) + '\n')
console.log(`wrote ${vectors.length} vectors (User ${out.user_size} B) to ${target}`)
for (const v of vectors) {
  const e = v.expected
  console.log(v.name.padEnd(28), e.margin_type.padEnd(9), 'liq', e.liq_price, 'TC', e.total_collateral, 'MR', e.margin_requirement,
    e.isolated_total_collateral === null ? '' : `iso TC ${e.isolated_total_collateral} MR ${e.isolated_margin_requirement}`)
}
