// Golden vectors for perpwatch's Drift decoders and liquidation math, computed by the real Drift SDK.
// Run by hand (not in CI): npm ci && node generate.mjs
// Writes ../../feed-tasks/src/test/resources/drift/golden/vectors.json.
import { createRequire } from 'node:module'
import { writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const sdk = require('@drift-labs/sdk')
const { BorshAccountsCoder, BN } = require('@coral-xyz/anchor')
const { PublicKey } = require('@solana/web3.js')
const idl = require('@drift-labs/sdk/lib/node/idl/drift.json')

const coder = new BorshAccountsCoder(idl)
const types = new Map([...idl.types, ...idl.accounts].map((t) => [t.name, t]))

// A zero value of any IDL type, so every field the coder expects exists; the cases below override what matters.
function zero(type) {
  if (typeof type === 'string') {
    if (type === 'publicKey' || type === 'pubkey') return PublicKey.default
    if (type === 'bool') return false
    if (['u8', 'i8', 'u16', 'i16', 'u32', 'i32'].includes(type)) return 0
    return new BN(0)
  }
  if (type.array) return Array.from({ length: type.array[1] }, () => zero(type.array[0]))
  if (type.defined) {
    const def = types.get(type.defined)
    if (def.type.kind === 'enum') return { [lowerFirst(def.type.variants[0].name)]: {} }
    return Object.fromEntries(def.type.fields.map((f) => [f.name, zero(f.type)]))
  }
  throw new Error('no zero for ' + JSON.stringify(type))
}
const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1)
const account = (name) => zero({ defined: name })
const key = (n) => { const b = Buffer.alloc(32); b[0] = n; b[31] = 7; return new PublicKey(b) }

const SOL = new BN(1_000_000_000)
const USD = new BN(1_000_000)
const INTEREST_ONE = new BN(10).pow(new BN(10))

const SOL_ORACLE = key(1), BTC_ORACLE = key(2), USDC_ORACLE = key(3)

function perpMarket(index, name, oracle, price, imf, maint, init) {
  const m = account('PerpMarket')
  m.pubkey = key(10 + index); m.marketIndex = index
  m.name = Array.from(Buffer.from(name.padEnd(32, ' ')))
  m.amm.oracle = oracle; m.amm.oracleSource = { pythLazer: {} }
  m.amm.historicalOracleData.lastOraclePrice = price; m.amm.mmOraclePrice = price
  m.amm.cumulativeFundingRateLong = new BN('1234567890123'); m.amm.cumulativeFundingRateShort = new BN('1234000000000')
  m.amm.orderStepSize = new BN(10_000_000)
  m.imfFactor = imf; m.marginRatioInitial = init; m.marginRatioMaintenance = maint
  m.unrealizedPnlMaintenanceAssetWeight = 10_000; m.unrealizedPnlInitialAssetWeight = 10_000
  m.status = { active: {} }; m.contractType = { perpetual: {} }
  m.highLeverageMarginRatioInitial = 100; m.highLeverageMarginRatioMaintenance = 50
  return m
}

function spotMarket(index, name, oracle, source, price, decimals, assetW, liabW, imf, depositInterest, borrowInterest) {
  const m = account('SpotMarket')
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
const markets = {
  perp: [perpMarket(0, 'SOL-PERP', SOL_ORACLE, solPrice, 450, 300, 500), perpMarket(1, 'BTC-PERP', BTC_ORACLE, new BN(90_000).mul(USD), 0, 300, 500)],
  spot: [
    spotMarket(0, 'USDC', USDC_ORACLE, { pythStableCoinPull: {} }, USD, 6, 10_000, 10_000, 0, INTEREST_ONE.add(INTEREST_ONE.divn(20)), INTEREST_ONE.add(INTEREST_ONE.divn(12))),
    spotMarket(1, 'SOL', SOL_ORACLE, { pythLazer: {} }, solPrice, 9, 9_000, 11_000, 1_000, INTEREST_ONE.add(INTEREST_ONE.divn(50)), INTEREST_ONE.add(INTEREST_ONE.divn(10))),
  ],
}
const oraclePrices = { [SOL_ORACLE.toBase58()]: solPrice, [BTC_ORACLE.toBase58()]: new BN(90_000).mul(USD), [USDC_ORACLE.toBase58()]: new BN(999_800) }

function user(spots, perps, marginMode = { default: {} }) {
  const u = account('User')
  u.authority = key(9); u.subAccountId = 0; u.lastActiveSlot = new BN(300_000_000)
  u.name = Array.from(Buffer.from('Main Account'.padEnd(32, ' ')))
  spots.forEach((s, i) => Object.assign(u.spotPositions[i], s))
  perps.forEach((p, i) => Object.assign(u.perpPositions[i], p))
  u.marginMode = marginMode
  return u
}
const usdc = (usd) => ({ marketIndex: 0, scaledBalance: new BN(Math.round(usd * 1e6)).mul(new BN(1000)).mul(INTEREST_ONE).div(INTEREST_ONE.add(INTEREST_ONE.divn(20))), balanceType: { deposit: {} } })
const solSpot = (sol, borrow) => ({ marketIndex: 1, scaledBalance: new BN(Math.round(sol * 1e9)), balanceType: borrow ? { borrow: {} } : { deposit: {} } })
function perp(market, baseSol, entry, fundingLag = 0) {
  const base = new BN(Math.round(baseSol * 1e9))
  const quote = new BN(Math.round(-baseSol * entry * 1e6))
  const cumulative = baseSol > 0 ? new BN('1234567890123') : new BN('1234000000000')
  return { marketIndex: market, baseAssetAmount: base, quoteAssetAmount: quote, quoteBreakEvenAmount: quote, quoteEntryAmount: quote,
    lastCumulativeFundingRate: market === 0 ? cumulative.sub(new BN(fundingLag)) : new BN(0) }
}

const cases = [
  ['long_3x', user([usdc(1_000)], [perp(0, 20, 148)])],
  ['long_10x', user([usdc(500)], [perp(0, 33, 152.5)])],
  ['short_2x', user([usdc(2_000)], [perp(0, -26, 151)])],
  ['short_8x_owing_funding', user([usdc(700)], [perp(0, -37, 149, -4_000_000_000)])],
  ['long_with_sol_deposit', user([usdc(800), solSpot(5, false)], [perp(0, 40, 150.2)])],
  ['long_with_sol_borrow', user([usdc(3_000), solSpot(4, true)], [perp(0, 45, 149.9)])],
  ['short_hedged_by_sol_deposit', user([usdc(300), solSpot(30, false)], [perp(0, -25, 150)])],
  ['long_and_btc_short', user([usdc(1_500)], [perp(0, 30, 151), perp(1, -0.02, 91_000)])],
  ['whale_long_imf', user([usdc(2_000_000)], [perp(0, 60_000, 150)])],
  ['high_leverage_mode', user([usdc(400)], [perp(0, 30, 150)], { highLeverage: {} })],
  ['fully_collateralized_long', user([usdc(100_000)], [perp(0, 0.5, 150)])],
  ['idle_usdc_only', user([usdc(250)], [])],
  ['btc_only', user([usdc(1_000)], [perp(1, 0.01, 90_000)])],
]

function oracleData(price) {
  return { price, slot: new BN(300_000_000), confidence: new BN(0), hasSufficientNumberOfDataPoints: true, twap: price, twapConfidence: new BN(0) }
}

// Decode what we encoded: the SDK's own view of the accounts, exactly as a DriftClient would hold them.
// The coder's encode() writes into a fixed 1,000-byte buffer; these accounts are larger, so use its layouts directly.
const SIZES = { User: 4376, PerpMarket: 1216, SpotMarket: 776 }
const encode = async (name, value) => {
  const body = Buffer.alloc(SIZES[name] - 8)
  const n = coder.accountLayouts.get(name).encode(value, body)
  if (n !== body.length) throw new Error(`${name}: encoded ${n} bytes, expected ${body.length}`)
  return Buffer.concat([BorshAccountsCoder.accountDiscriminator(name), body])
}
const perpBytes = await Promise.all(markets.perp.map((m) => encode('PerpMarket', m)))
const spotBytes = await Promise.all(markets.spot.map((m) => encode('SpotMarket', m)))
const perps = perpBytes.map((b) => coder.decode('PerpMarket', b))
const spots = spotBytes.map((b) => coder.decode('SpotMarket', b))
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

const vectors = []
for (const [name, u] of cases) {
  const bytes = await encode('User', u)
  const decoded = coder.decode('User', bytes)
  const sdkUser = Object.create(sdk.User.prototype)
  sdkUser.driftClient = driftClient
  sdkUser.getUserAccount = () => decoded
  const hasSol = decoded.perpPositions.some((p) => p.marketIndex === 0 && !p.baseAssetAmount.isZero())
  const liq = hasSol ? sdkUser.liquidationPrice(0) : null
  const perp0 = decoded.perpPositions.find((p) => p.marketIndex === 0 && !p.baseAssetAmount.isZero())
  vectors.push({
    name,
    user: Buffer.from(bytes).toString('base64'),
    expected: {
      authority: decoded.authority.toBase58(),
      sub_account_id: decoded.subAccountId,
      margin_mode: Object.keys(decoded.marginMode)[0],
      sol_base_asset_amount: perp0 ? perp0.baseAssetAmount.toString() : null,
      sol_quote_asset_amount: perp0 ? perp0.quoteAssetAmount.toString() : null,
      liq_price: liq === null ? null : liq.toString(),
      total_collateral: sdkUser.getTotalCollateral('Maintenance', false).toString(),
      margin_requirement: sdkUser.getMarginRequirement('Maintenance', undefined, false).toString(),
    },
  })
}

const out = {
  sdk: require('@drift-labs/sdk/package.json').version,
  perp_markets: perpBytes.map((b) => Buffer.from(b).toString('base64')),
  spot_markets: spotBytes.map((b) => Buffer.from(b).toString('base64')),
  oracle_prices: Object.fromEntries(Object.entries(oraclePrices).map(([k, v]) => [k, v.toString()])),
  vectors,
}
const target = join(dirname(fileURLToPath(import.meta.url)), '../../feed-tasks/src/test/resources/drift/golden/vectors.json')
mkdirSync(dirname(target), { recursive: true })
writeFileSync(target, JSON.stringify(out, null, 2) + '\n')
console.log(`wrote ${vectors.length} vectors to ${target}`)
for (const v of vectors) console.log(v.name.padEnd(30), 'liq', v.expected.liq_price, 'TC', v.expected.total_collateral, 'MR', v.expected.margin_requirement)
