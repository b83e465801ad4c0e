package perpwatch.functions.guards;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;

/**
 * USDT/USDC basis from two last-trade prices. It never reports 0.0 for "unknown": a missing side, a side older
 * than {@code maxAge}, or two sides that traded more than {@code maxSkew} apart give no number, because a basis
 * between prices from different moments measures the market's move, not the stablecoin spread.
 */
final class BasisCalculator {
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final int BPS_SCALE = 4;

    private final long maxAgeMs;
    private final long maxSkewMs;
    private final long clockSkewMaxMs;

    /**
     * @param clockSkewMax how far in this API's future a trade may be stamped before its writer's clock is distrusted
     */
    BasisCalculator(Duration maxAge, Duration maxSkew, Duration clockSkewMax) {
        this.maxAgeMs = maxAge.toMillis();
        this.maxSkewMs = maxSkew.toMillis();
        this.clockSkewMaxMs = clockSkewMax.toMillis();
    }

    /** The USDT/USDC basis: (USDC − USDT) / USDT. */
    BasisReading compute(Optional<PricePoint> usdc, Optional<PricePoint> usdt, long nowMs) {
        return compute(usdc, "USDC", usdt, "USDT", nowMs);
    }

    /**
     * (quoted − reference) / reference in bps, by the same rules for any two prices (a venue against another, a mark
     * against its oracle); the labels name the sides in the reasons.
     */
    BasisReading compute(
            Optional<PricePoint> quoted,
            String quotedLabel,
            Optional<PricePoint> reference,
            String referenceLabel,
            long nowMs) {
        if (quoted.isEmpty() || reference.isEmpty()) {
            String side = quoted.isEmpty() ? quotedLabel : referenceLabel;
            return new BasisReading(null, null, "no " + side + " price", 0);
        }
        PricePoint c = quoted.get();
        PricePoint t = reference.get();
        long age = Math.max(0, nowMs - Math.min(c.ts(), t.ts()));
        for (PricePoint side : new PricePoint[] {c, t}) {
            if (side.ts() - nowMs > clockSkewMaxMs) {
                return new BasisReading(
                        null,
                        null,
                        "clock skew: " + side.source() + " is stamped " + (side.ts() - nowMs)
                                + " ms ahead of this API's clock (max " + clockSkewMaxMs + " ms)",
                        0);
            }
            long sideAge = Math.max(0, nowMs - side.ts());
            if (sideAge > maxAgeMs) {
                return new BasisReading(
                        null, age, side.source() + " price stale, " + sideAge + " ms old (max " + maxAgeMs + " ms)", 0);
            }
        }
        long skew = Math.abs(c.ts() - t.ts());
        if (skew > maxSkewMs) {
            return new BasisReading(
                    null,
                    age,
                    quotedLabel + " and " + referenceLabel + " prices are " + skew + " ms apart (max " + maxSkewMs
                            + " ms)",
                    0);
        }
        if (t.price().signum() <= 0 || c.price().signum() <= 0) {
            return new BasisReading(null, age, "non-positive price", 0);
        }
        BigDecimal bps = c.price()
                .subtract(t.price())
                .divide(t.price(), MathContext.DECIMAL64)
                .multiply(TEN_THOUSAND)
                .setScale(BPS_SCALE, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        if (bps.signum() == 0) {
            bps = BigDecimal.ZERO;
        }
        return new BasisReading(bps, age, null, maxAgeMs - age);
    }
}
