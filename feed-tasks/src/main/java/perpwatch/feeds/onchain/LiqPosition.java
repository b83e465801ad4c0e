package perpwatch.feeds.onchain;

import java.math.BigDecimal;

/**
 * One user's position in a perp market and where it gets liquidated. {@code liqPrice} is null when there is none,
 * and {@code noLiqReason} says why; {@code distanceBps} is then null too. Size in base units (SOL, signed: > 0 long),
 * prices and collateral in USD.
 */
public record LiqPosition(
        String userPubkey,
        int marketIndex,
        BigDecimal positionSize,
        BigDecimal entryPrice,
        BigDecimal liqPrice,
        String noLiqReason,
        BigDecimal distanceBps,
        BigDecimal collateral,
        BigDecimal leverage,
        BigDecimal oraclePrice) {
    public static final String FULLY_COLLATERALIZED = "fully_collateralized";
    public static final String PRICE_NOT_POSITIVE = "price_not_positive";
    public static final String MISSING_MARKET_DATA = "missing_market_data";
    public static final String ISOLATED_POSITION = "isolated_position_not_supported";

    public boolean hasLiqPrice() {
        return liqPrice != null;
    }

    public String side() {
        return positionSize.signum() > 0 ? "long" : "short";
    }
}
