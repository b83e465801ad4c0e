package perpwatch.feeds.onchain;

import java.math.BigInteger;

/**
 * Oracle account bytes → a price in PRICE precision (1e6), for the oracle kinds Drift's SOL markets use: Pyth pull
 * ({@code PriceUpdateV2} of the Pyth receiver program) and Drift's own {@code PythLazerOracle}, each with its 1K/1M
 * variants (the feed quotes 1,000 or 1,000,000 units, so the price is scaled up). Anything else is refused with a
 * clear exception: the scanner then falls back to the market's cached price and says so.
 */
public final class OracleDecoder {
    public static final int PYTH_PULL = 7;
    public static final int PYTH_1K_PULL = 8;
    public static final int PYTH_1M_PULL = 9;
    public static final int PYTH_STABLE_COIN_PULL = 10;
    public static final int PYTH_LAZER = 12;
    public static final int PYTH_LAZER_1K = 13;
    public static final int PYTH_LAZER_1M = 14;
    public static final int PYTH_LAZER_STABLE_COIN = 15;
    public static final int QUOTE_ASSET = 2;

    /** PriceUpdateV2: discriminator, write authority, then a Borsh enum whose Partial variant carries one more byte. */
    static final int PRICE_UPDATE_VERIFICATION_LEVEL = 40;

    private static final int PRICE_UPDATE_MIN_SIZE = 133;
    /** Beyond 10^±30 no i64 price means anything in PRICE precision: the result overflows or truncates to 0. */
    static final int MAX_EXPONENT = 30;

    private OracleDecoder() {}

    static OraclePrice decode(int oracleSource, byte[] data, PythLazerOracleLayout lazer) {
        switch (oracleSource) {
            case PYTH_PULL:
            case PYTH_STABLE_COIN_PULL:
                return pythPull(data, 1);
            case PYTH_1K_PULL:
                return pythPull(data, 1_000);
            case PYTH_1M_PULL:
                return pythPull(data, 1_000_000);
            case PYTH_LAZER:
            case PYTH_LAZER_STABLE_COIN:
                return pythLazer(data, lazer, 1);
            case PYTH_LAZER_1K:
                return pythLazer(data, lazer, 1_000);
            case PYTH_LAZER_1M:
                return pythLazer(data, lazer, 1_000_000);
            case QUOTE_ASSET:
                return new OraclePrice(1_000_000, 0, 0, OraclePrice.Source.ORACLE_ACCOUNT);
            default:
                throw new DriftDecodeException("oracle source " + oracleSource + " is not decoded here");
        }
    }

    private static OraclePrice pythPull(byte[] data, long multiplier) {
        if (data == null || data.length < PRICE_UPDATE_MIN_SIZE) {
            throw new DriftDecodeException("PriceUpdateV2: " + (data == null ? "no data" : data.length + " bytes"));
        }
        AccountBytes b = new AccountBytes(data);
        int level = b.u8(PRICE_UPDATE_VERIFICATION_LEVEL);
        if (level > 1) {
            throw new DriftDecodeException("PriceUpdateV2: unknown verification level " + level);
        }
        int message = PRICE_UPDATE_VERIFICATION_LEVEL + (level == 0 ? 2 : 1);
        int price = message + 32; // after feed_id
        long raw = b.i64(price);
        long conf = confidence(b.i64(price + 8));
        int exponent = b.i32(price + 16); // after price, conf
        long publishTime = b.i64(price + 20);
        long postedSlot = b.i64(price + 52); // after publish_time, prev_publish_time, ema_price, ema_conf
        return new OraclePrice(
                scale(raw, exponent, multiplier),
                scale(conf, exponent, multiplier),
                publishTime,
                postedSlot,
                OraclePrice.Source.ORACLE_ACCOUNT);
    }

    private static OraclePrice pythLazer(byte[] data, PythLazerOracleLayout l, long multiplier) {
        if (data == null || data.length < l.size()) {
            throw new DriftDecodeException(
                    DriftDecodeException.Fault.SHORT,
                    "PythLazerOracle: " + (data == null ? "no data" : data.length + " bytes"));
        }
        AccountBytes b = new AccountBytes(data);
        int exponent = b.i32(l.exponent());
        return new OraclePrice(
                scale(b.i64(l.price()), exponent, multiplier),
                scale(confidence(b.i64(l.conf())), exponent, multiplier),
                b.i64(l.publishTime()),
                b.i64(l.postedSlot()),
                OraclePrice.Source.ORACLE_ACCOUNT);
    }

    /** The u64 confidence as read into an i64: one past 2^63 is no real interval but corrupt bytes, refused. */
    private static long confidence(long raw) {
        if (raw < 0) {
            throw new DriftDecodeException(
                    DriftDecodeException.Fault.MALFORMED,
                    "oracle confidence " + Long.toUnsignedString(raw) + " does not fit a price");
        }
        return raw;
    }

    /** raw × 10^exponent × multiplier in PRICE precision (1e6), truncated toward zero as the SDK's BN division does. */
    static long scale(long raw, int exponent, long multiplier) {
        // Pyth exponents are small negatives (-8 for SOL); a corrupt one would make pow() run for minutes.
        if (exponent < -MAX_EXPONENT || exponent > MAX_EXPONENT) {
            throw new DriftDecodeException(
                    DriftDecodeException.Fault.ORACLE_EXPONENT,
                    "oracle exponent " + exponent + " is outside ±" + MAX_EXPONENT);
        }
        BigInteger value =
                BigInteger.valueOf(raw).multiply(BigInteger.valueOf(multiplier)).multiply(BigInteger.TEN.pow(6));
        value = exponent >= 0
                ? value.multiply(BigInteger.TEN.pow(exponent))
                : value.divide(BigInteger.TEN.pow(-exponent));
        if (value.bitLength() > 63) {
            // A raw value and exponent no real price has (corrupt bytes): refused like a bad exponent, never an
            // ArithmeticException that the caller would count as its own bug.
            throw new DriftDecodeException(
                    DriftDecodeException.Fault.ORACLE_EXPONENT,
                    "oracle value " + raw + " × 10^" + exponent + " does not fit a price");
        }
        return value.longValue();
    }
}
