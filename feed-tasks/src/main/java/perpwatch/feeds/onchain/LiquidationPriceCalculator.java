package perpwatch.feeds.onchain;

import static perpwatch.feeds.onchain.MarginMath.BASE_PRECISION;
import static perpwatch.feeds.onchain.MarginMath.MARGIN_PRECISION;
import static perpwatch.feeds.onchain.MarginMath.PRICE_PRECISION;
import static perpwatch.feeds.onchain.MarginMath.QUOTE_PRECISION;
import static perpwatch.feeds.onchain.MarginMath.SPOT_WEIGHT_PRECISION;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The liquidation price of a user's perp position, as the SDK's {@code User.liquidationPrice(marketIndex)} computes
 * it with its defaults (maintenance margin, open orders not counted): the oracle move that takes the free collateral
 * of the position's margin bucket to zero. A cross position's bucket is the account: every spot deposit and borrow at
 * its maintenance weight, every other cross perp position's liability and PnL at its own oracle price, unsettled
 * funding, and a spot balance in a market that shares the perp's oracle (SOL spot moves with SOL-PERP). Where the
 * account's program margins isolated positions ({@link MarginRules}), an isolated position's bucket is its own quote
 * deposit plus its PnL, and nothing else moves with it. Integer arithmetic as the SDK's BN.
 *
 * <p>Known difference: the SDK values PnL at the market-maker oracle price when that one is fresh; this uses the
 * oracle price for both PnL and liability (they are equal or within basis points of each other).
 */
public final class LiquidationPriceCalculator {
    private static final int QUOTE_SPOT_MARKET = ProgramProfile.QUOTE_SPOT_MARKET;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000);

    public LiqPosition evaluate(String userPubkey, DriftUser user, int perpMarketIndex, MarketContext ctx) {
        PerpPosition position = user.perpPosition(perpMarketIndex)
                .orElseThrow(() -> new IllegalArgumentException(
                        userPubkey + " has no position in perp market " + perpMarketIndex));
        BigDecimal size = new BigDecimal(BigInteger.valueOf(position.baseAssetAmount())).divide(BILLION);
        BigDecimal entry = entryPrice(position);
        PerpMarketAccount market = ctx.perpMarkets().get(perpMarketIndex);
        Optional<OraclePrice> oracle = market == null ? Optional.empty() : ctx.perpOracle(market);
        if (oracle.isEmpty()) {
            return none(userPubkey, perpMarketIndex, size, entry, LiqPosition.MISSING_MARKET_DATA, null, null, null);
        }
        BigDecimal oracleUsd = usd(BigInteger.valueOf(oracle.get().price()));
        boolean isolated = position.isolated();
        if (isolated && !user.marginRules().isolatedPositions()) {
            return none(userPubkey, perpMarketIndex, size, entry, LiqPosition.ISOLATED_POSITION, null, null, oracleUsd);
        }
        Optional<Margin> margin = isolated ? isolatedMargin(user, position, ctx) : margin(user, ctx);
        if (margin.isEmpty()) {
            return none(
                    userPubkey, perpMarketIndex, size, entry, LiqPosition.MISSING_MARKET_DATA, null, null, oracleUsd);
        }
        Margin m = margin.get();
        BigDecimal collateral = usd(m.totalCollateral());
        BigDecimal leverage = m.totalCollateral().signum() > 0
                ? new BigDecimal(m.perpLiability())
                        .divide(new BigDecimal(m.totalCollateral()), 6, RoundingMode.HALF_EVEN)
                : null;

        BigInteger freeCollateral =
                m.totalCollateral().subtract(m.marginRequirement()).max(BigInteger.ZERO);
        BigInteger delta = perpDelta(user, market, position);
        if (!isolated) {
            // An isolated bucket holds only quote and the position: no spot balance moves its collateral.
            delta = delta.add(sharedOracleSpotDelta(user, market, ctx));
        }
        if (delta.signum() == 0) {
            return none(
                    userPubkey,
                    perpMarketIndex,
                    size,
                    entry,
                    LiqPosition.FULLY_COLLATERALIZED,
                    collateral,
                    leverage,
                    oracleUsd);
        }
        BigInteger liq = BigInteger.valueOf(oracle.get().price())
                .subtract(freeCollateral.multiply(QUOTE_PRECISION).divide(delta));
        if (liq.signum() <= 0) {
            // A long whose collateral outlasts a fall to zero, or a short whose spot balance hedges it: no price
            // liquidates it.
            String reason =
                    position.baseAssetAmount() > 0 ? LiqPosition.FULLY_COLLATERALIZED : LiqPosition.PRICE_NOT_POSITIVE;
            return none(userPubkey, perpMarketIndex, size, entry, reason, collateral, leverage, oracleUsd);
        }
        BigDecimal liqUsd = usd(liq);
        BigDecimal distance = liqUsd.subtract(oracleUsd)
                .abs()
                .multiply(BigDecimal.valueOf(10_000))
                .divide(oracleUsd, 2, RoundingMode.HALF_EVEN);
        return new LiqPosition(
                userPubkey, perpMarketIndex, size, entry, liqUsd, null, distance, collateral, leverage, oracleUsd);
    }

    private static LiqPosition none(
            String user,
            int market,
            BigDecimal size,
            BigDecimal entry,
            String reason,
            BigDecimal collateral,
            BigDecimal leverage,
            BigDecimal oracle) {
        return new LiqPosition(user, market, size, entry, null, reason, null, collateral, leverage, oracle);
    }

    /** Total collateral and maintenance requirement of one margin bucket (getMarginCalculation). */
    record Margin(BigInteger totalCollateral, BigInteger marginRequirement, BigInteger perpLiability) {}

    /** One perp position's share of its bucket: liability value, maintenance requirement, weighted PnL. */
    private record PerpMargin(BigInteger liability, BigInteger requirement, BigInteger weightedPnl) {}

    /** The cross-margined account: every spot balance and every perp position that is not isolated. */
    static Optional<Margin> margin(DriftUser user, MarketContext ctx) {
        Optional<BigInteger> quotePrice = quotePrice(ctx);
        if (quotePrice.isEmpty()) {
            return Optional.empty();
        }
        boolean programValues = user.marginRules().programTokenValues();
        BigInteger collateral = BigInteger.ZERO;
        BigInteger requirement = BigInteger.ZERO;
        BigInteger perpLiability = BigInteger.ZERO;
        for (SpotPosition spot : user.spotPositions()) {
            if (!spot.active()) {
                continue;
            }
            SpotMarketAccount market = ctx.spotMarkets().get(spot.marketIndex());
            Optional<OraclePrice> price = market == null ? Optional.empty() : ctx.spotOracle(market);
            if (price.isEmpty()) {
                return Optional.empty();
            }
            BigInteger tokens = MarginMath.tokenAmount(spot.scaledBalance(), market, spot.borrow());
            long p = price.get().price();
            // Velocity's program counts the quote market at its token value: weights are for the other assets.
            boolean faceValue = programValues && spot.marketIndex() == QUOTE_SPOT_MARKET;
            if (spot.borrow()) {
                BigInteger value = programValues
                        ? MarginMath.borrowedTokenValue(tokens, p, market.decimals())
                        : MarginMath.tokenValue(tokens, p, market.decimals());
                requirement = requirement.add(
                        faceValue ? value : weighted(value, MarginMath.maintenanceLiabilityWeight(tokens, market)));
            } else {
                BigInteger value = MarginMath.tokenValue(tokens, p, market.decimals());
                collateral = collateral.add(
                        faceValue ? value : weighted(value, MarginMath.maintenanceAssetWeight(tokens, market)));
            }
        }
        for (PerpPosition perp : user.perpPositions()) {
            if (!perp.active() || perp.isolated()) {
                continue;
            }
            Optional<PerpMargin> pm = perpMargin(user, perp, ctx, quotePrice.get());
            if (pm.isEmpty()) {
                return Optional.empty();
            }
            requirement = requirement.add(pm.get().requirement());
            perpLiability = perpLiability.add(pm.get().liability());
            collateral = collateral.add(pm.get().weightedPnl());
        }
        return Optional.of(new Margin(collateral, requirement, perpLiability));
    }

    /**
     * An isolated position's own bucket: its quote deposit at token value (unweighted, as the program takes it) plus
     * its weighted PnL, against its own maintenance requirement. Nothing else in the account counts for or against it.
     */
    static Optional<Margin> isolatedMargin(DriftUser user, PerpPosition position, MarketContext ctx) {
        SpotMarketAccount quoteMarket = ctx.spotMarkets().get(QUOTE_SPOT_MARKET);
        Optional<BigInteger> quotePrice = quotePrice(ctx);
        Optional<PerpMargin> pm = quotePrice.flatMap(q -> perpMargin(user, position, ctx, q));
        if (pm.isEmpty()) {
            return Optional.empty();
        }
        BigInteger deposit = MarginMath.tokenValue(
                MarginMath.tokenAmount(position.isolatedPositionScaledBalance(), quoteMarket, false),
                quotePrice.get().longValueExact(),
                quoteMarket.decimals());
        return Optional.of(new Margin(
                deposit.add(pm.get().weightedPnl()),
                pm.get().requirement(),
                pm.get().liability()));
    }

    private static BigInteger weighted(BigInteger value, BigInteger weight) {
        return value.multiply(weight).divide(SPOT_WEIGHT_PRECISION);
    }

    private static Optional<BigInteger> quotePrice(MarketContext ctx) {
        SpotMarketAccount quoteMarket = ctx.spotMarkets().get(QUOTE_SPOT_MARKET);
        return (quoteMarket == null ? Optional.<OraclePrice>empty() : ctx.spotOracle(quoteMarket))
                .map(p -> BigInteger.valueOf(p.price()));
    }

    /** Liability at the oracle price, its maintenance requirement in quote, and the PnL the bucket may count. */
    private static Optional<PerpMargin> perpMargin(
            DriftUser user, PerpPosition perp, MarketContext ctx, BigInteger quotePrice) {
        PerpMarketAccount market = ctx.perpMarkets().get(perp.marketIndex());
        Optional<OraclePrice> price = market == null ? Optional.empty() : ctx.perpOracle(market);
        if (price.isEmpty()) {
            return Optional.empty();
        }
        BigInteger base = BigInteger.valueOf(perp.baseAssetAmount()).abs();
        BigInteger liability =
                base.multiply(BigInteger.valueOf(price.get().price())).divide(BASE_PRECISION);
        BigInteger ratio = MarginMath.maintenanceMarginRatio(market, base, user.highLeverageMaintenance());
        BigInteger requirement = liability
                .multiply(quotePrice)
                .divide(PRICE_PRECISION)
                .multiply(ratio)
                .divide(MARGIN_PRECISION);
        BigInteger pnl = MarginMath.positionPnl(market, perp, price.get().price())
                .multiply(quotePrice)
                .divide(PRICE_PRECISION);
        if (pnl.signum() > 0) {
            pnl = pnl.multiply(BigInteger.valueOf(market.unrealizedPnlMaintenanceAssetWeight()))
                    .divide(SPOT_WEIGHT_PRECISION);
        }
        return Optional.of(new PerpMargin(liability, requirement, pnl));
    }

    /** calculateFreeCollateralDeltaForPerp: free collateral gained per 1 USD rise of the oracle, in QUOTE units. */
    private static BigInteger perpDelta(DriftUser user, PerpMarketAccount market, PerpPosition position) {
        BigInteger base = BigInteger.valueOf(position.baseAssetAmount());
        BigInteger ratio = MarginMath.maintenanceMarginRatio(market, base.abs(), user.highLeverageMaintenance());
        BigInteger ratioQuote = ratio.multiply(QUOTE_PRECISION).divide(MARGIN_PRECISION);
        return base.signum() > 0
                ? QUOTE_PRECISION.subtract(ratioQuote).multiply(base).divide(BASE_PRECISION)
                : QUOTE_PRECISION
                        .negate()
                        .subtract(ratioQuote)
                        .multiply(base.abs())
                        .divide(BASE_PRECISION);
    }

    /**
     * A spot balance priced by the same oracle as the perp moves with it (calculateFreeCollateralDeltaForSpot). Only
     * the same oracle read the same way counts: the SDK's 1K/1M cross-source scaling is not needed by SOL's markets.
     */
    private static BigInteger sharedOracleSpotDelta(DriftUser user, PerpMarketAccount perp, MarketContext ctx) {
        BigInteger delta = BigInteger.ZERO;
        for (SpotMarketAccount market : ctx.spotMarkets().values()) {
            if (!market.oracle().equals(perp.oracle()) || market.oracleSource() != perp.oracleSource()) {
                continue;
            }
            for (SpotPosition spot : user.spotPositions()) {
                if (spot.marketIndex() != market.marketIndex()
                        || spot.scaledBalance().signum() == 0) {
                    continue;
                }
                BigInteger tokens = MarginMath.tokenAmount(spot.scaledBalance(), market, spot.borrow());
                BigInteger precision = BigInteger.TEN.pow(market.decimals());
                if (!spot.borrow()) {
                    delta = delta.add(QUOTE_PRECISION
                            .multiply(MarginMath.maintenanceAssetWeight(tokens, market))
                            .divide(SPOT_WEIGHT_PRECISION)
                            .multiply(tokens)
                            .divide(precision));
                } else {
                    delta = delta.add(QUOTE_PRECISION
                            .negate()
                            .multiply(MarginMath.maintenanceLiabilityWeight(tokens, market))
                            .divide(SPOT_WEIGHT_PRECISION)
                            .multiply(tokens)
                            .divide(precision));
                }
            }
        }
        return delta;
    }

    private static BigDecimal entryPrice(PerpPosition position) {
        if (position.baseAssetAmount() == 0) {
            return null;
        }
        return BigDecimal.valueOf(Math.abs(position.quoteEntryAmount()))
                .divide(MILLION)
                .divide(BigDecimal.valueOf(Math.abs(position.baseAssetAmount())).divide(BILLION), MathContext.DECIMAL64)
                .setScale(6, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal usd(BigInteger quoteUnits) {
        return new BigDecimal(quoteUnits, 6);
    }
}
