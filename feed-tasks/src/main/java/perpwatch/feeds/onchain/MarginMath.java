package perpwatch.feeds.onchain;

import java.math.BigInteger;

/**
 * The Drift SDK's margin arithmetic (sdk/src/math/margin.ts, spotBalance.ts), on integers with the SDK's BN
 * semantics: every division truncates toward zero, in the same order, so results match it to the unit.
 */
final class MarginMath {
    static final BigInteger QUOTE_PRECISION = BigInteger.valueOf(1_000_000);
    static final BigInteger PRICE_PRECISION = BigInteger.valueOf(1_000_000);
    static final BigInteger BASE_PRECISION = BigInteger.valueOf(1_000_000_000);
    static final BigInteger MARGIN_PRECISION = BigInteger.valueOf(10_000);
    static final BigInteger SPOT_WEIGHT_PRECISION = BigInteger.valueOf(10_000);
    static final BigInteger IMF_PRECISION = BigInteger.valueOf(1_000_000);
    static final BigInteger FUNDING_RATE_BUFFER = BigInteger.valueOf(1_000);
    private static final BigInteger TEN = BigInteger.TEN;
    private static final BigInteger FIVE = BigInteger.valueOf(5);
    private static final BigInteger HUNDRED_THOUSAND = BigInteger.valueOf(100_000);

    private MarginMath() {}

    /** Integer square root (the SDK's squareRootBN). */
    static BigInteger isqrt(BigInteger n) {
        return n.signum() <= 0 ? BigInteger.ZERO : n.sqrt();
    }

    /** calculateSizePremiumLiabilityWeight: large positions need more margin (IMF factor). */
    static BigInteger sizePremiumLiabilityWeight(
            BigInteger size, long imfFactor, BigInteger weight, BigInteger precision) {
        if (imfFactor == 0) {
            return weight;
        }
        BigInteger sizeSqrt = isqrt(size.abs().multiply(TEN).add(BigInteger.ONE));
        BigInteger numerator = weight.subtract(weight.divide(FIVE));
        BigInteger denominator = HUNDRED_THOUSAND.multiply(IMF_PRECISION).divide(precision);
        BigInteger premium =
                numerator.add(sizeSqrt.multiply(BigInteger.valueOf(imfFactor)).divide(denominator));
        return weight.max(premium);
    }

    /** calculateSizeDiscountAssetWeight: large deposits count for less collateral (IMF factor). */
    static BigInteger sizeDiscountAssetWeight(BigInteger size, long imfFactor, BigInteger weight) {
        if (imfFactor == 0) {
            return weight;
        }
        BigInteger sizeSqrt = isqrt(size.multiply(TEN).add(BigInteger.ONE));
        BigInteger imfNumerator = IMF_PRECISION.add(IMF_PRECISION.divide(TEN));
        BigInteger discount = imfNumerator
                .multiply(SPOT_WEIGHT_PRECISION)
                .divide(IMF_PRECISION.add(
                        sizeSqrt.multiply(BigInteger.valueOf(imfFactor)).divide(HUNDRED_THOUSAND)));
        return weight.min(discount);
    }

    /** A token amount in the AMM's reserve precision (1e9), as the weight functions size it. */
    static BigInteger sizeInReservePrecision(BigInteger tokens, int decimals) {
        return decimals > 9
                ? tokens.divide(TEN.pow(decimals - 9))
                : tokens.multiply(BASE_PRECISION).divide(TEN.pow(decimals));
    }

    /** getTokenAmount: scaled balance × cumulative interest; borrows round up, as the program does. */
    static BigInteger tokenAmount(BigInteger scaledBalance, SpotMarketAccount market, boolean borrow) {
        BigInteger precisionDecrease = TEN.pow(19 - market.decimals());
        if (!borrow) {
            return scaledBalance.multiply(market.cumulativeDepositInterest()).divide(precisionDecrease);
        }
        BigInteger[] qr =
                scaledBalance.multiply(market.cumulativeBorrowInterest()).divideAndRemainder(precisionDecrease);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** calculateAssetWeight, maintenance. */
    static BigInteger maintenanceAssetWeight(BigInteger tokens, SpotMarketAccount market) {
        return sizeDiscountAssetWeight(
                sizeInReservePrecision(tokens, market.decimals()),
                market.imfFactor(),
                BigInteger.valueOf(market.maintenanceAssetWeight()));
    }

    /** calculateLiabilityWeight, maintenance. */
    static BigInteger maintenanceLiabilityWeight(BigInteger tokens, SpotMarketAccount market) {
        return sizePremiumLiabilityWeight(
                sizeInReservePrecision(tokens, market.decimals()),
                market.imfFactor(),
                BigInteger.valueOf(market.maintenanceLiabilityWeight()),
                SPOT_WEIGHT_PRECISION);
    }

    /** getTokenValue: tokens × price / 10^decimals, in QUOTE precision. */
    static BigInteger tokenValue(BigInteger tokens, long price, int decimals) {
        return tokens.multiply(BigInteger.valueOf(price)).divide(TEN.pow(decimals));
    }

    /**
     * The value of borrowed tokens as Velocity's program takes it: it values the signed (negative) amount and floors
     * the division, so a fraction of a quote unit counts against the borrower. Drift's SDK truncated instead.
     */
    static BigInteger borrowedTokenValue(BigInteger tokens, long price, int decimals) {
        BigInteger[] qr = tokens.multiply(BigInteger.valueOf(price)).divideAndRemainder(TEN.pow(decimals));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** calculateMarketMarginRatio, maintenance: the market's ratio (or its high-leverage one), raised for size. */
    static BigInteger maintenanceMarginRatio(PerpMarketAccount market, BigInteger size, boolean highLeverage) {
        if (market.status() == MarketStatus.SETTLEMENT) {
            return BigInteger.ZERO;
        }
        boolean hl = highLeverage
                && market.highLeverageMarginRatioInitial() > 0
                && market.highLeverageMarginRatioMaintenance() > 0;
        BigInteger ratio =
                BigInteger.valueOf(hl ? market.highLeverageMarginRatioMaintenance() : market.marginRatioMaintenance());
        return ratio.max(sizePremiumLiabilityWeight(size, market.imfFactor(), ratio, MARGIN_PRECISION));
    }

    /** calculateUnsettledFundingPnl: funding owed since the position last settled (negative = the user pays). */
    static BigInteger unsettledFunding(PerpMarketAccount market, PerpPosition position) {
        if (position.baseAssetAmount() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger cumulative = position.baseAssetAmount() > 0
                ? market.cumulativeFundingRateLong()
                : market.cumulativeFundingRateShort();
        return cumulative
                .subtract(BigInteger.valueOf(position.lastCumulativeFundingRate()))
                .multiply(BigInteger.valueOf(position.baseAssetAmount()))
                .divide(BASE_PRECISION)
                .divide(FUNDING_RATE_BUFFER)
                .negate();
    }

    /** calculatePositionPNL with funding, at {@code price}. */
    static BigInteger positionPnl(PerpMarketAccount market, PerpPosition position, long price) {
        if (position.baseAssetAmount() == 0) {
            return BigInteger.valueOf(position.quoteAssetAmount());
        }
        BigInteger base = BigInteger.valueOf(position.baseAssetAmount());
        BigInteger value = base.abs().multiply(BigInteger.valueOf(price)).divide(BASE_PRECISION);
        return (base.signum() < 0 ? value.negate() : value)
                .add(BigInteger.valueOf(position.quoteAssetAmount()))
                .add(unsettledFunding(market, position));
    }
}
