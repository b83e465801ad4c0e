package perpwatch.feeds.onchain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import perpwatch.feeds.solana.Base58;

/** Mainnet-like Drift markets (SOL-PERP, BTC-PERP, USDC, SOL spot) and users built from them. */
final class DriftFixtures {
    static final String SOL_ORACLE = key(1);
    static final String BTC_ORACLE = key(2);
    static final String USDC_ORACLE = key(3);
    static final String AUTHORITY = key(9);
    static final BigInteger INTEREST_ONE = BigInteger.TEN.pow(10);

    private DriftFixtures() {}

    static String key(int n) {
        byte[] k = new byte[32];
        k[0] = (byte) n;
        k[31] = 7;
        return Base58.encode(k);
    }

    /** SOL-PERP as on mainnet: 3 % maintenance, 5 % initial, an IMF factor, funding rates accrued. */
    static PerpMarketAccount solPerp() {
        return new PerpMarketAccount(
                key(10),
                0,
                "SOL-PERP",
                SOL_ORACLE,
                OracleDecoder.PYTH_LAZER,
                150_000_000L,
                150_000_000L,
                BigInteger.valueOf(1_234_567_890_123L),
                BigInteger.valueOf(1_234_000_000_000L),
                0,
                500,
                300,
                10_000,
                MarketStatus.ACTIVE,
                0,
                0,
                0);
    }

    static PerpMarketAccount btcPerp() {
        return new PerpMarketAccount(
                key(11),
                1,
                "BTC-PERP",
                BTC_ORACLE,
                OracleDecoder.PYTH_LAZER,
                90_000_000_000L,
                90_000_000_000L,
                BigInteger.ZERO,
                BigInteger.ZERO,
                0,
                500,
                300,
                10_000,
                MarketStatus.ACTIVE,
                0,
                0,
                0);
    }

    static SpotMarketAccount usdcSpot() {
        return new SpotMarketAccount(
                key(20),
                0,
                "USDC",
                USDC_ORACLE,
                OracleDecoder.PYTH_STABLE_COIN_PULL,
                1_000_000L,
                INTEREST_ONE,
                INTEREST_ONE,
                10_000,
                10_000,
                0,
                6);
    }

    /** SOL spot shares SOL-PERP's oracle; 90 % maintenance asset weight, 110 % liability weight, 9 decimals. */
    static SpotMarketAccount solSpot() {
        return new SpotMarketAccount(
                key(21),
                1,
                "SOL",
                SOL_ORACLE,
                OracleDecoder.PYTH_LAZER,
                150_000_000L,
                INTEREST_ONE,
                INTEREST_ONE,
                9_000,
                11_000,
                0,
                9);
    }

    static MarketContext context(long solPrice) {
        return new MarketContext(
                Map.of(0, solPerp(), 1, btcPerp()),
                Map.of(0, usdcSpot(), 1, solSpot()),
                Map.of(
                        new OracleKey(SOL_ORACLE, OracleDecoder.PYTH_LAZER),
                        live(solPrice),
                        new OracleKey(BTC_ORACLE, OracleDecoder.PYTH_LAZER),
                        live(90_000_000_000L),
                        new OracleKey(USDC_ORACLE, OracleDecoder.PYTH_STABLE_COIN_PULL),
                        live(1_000_000L)));
    }

    static OraclePrice live(long price) {
        return new OraclePrice(price, 1_764_000_000L, 300_000_000L, OraclePrice.Source.ORACLE_ACCOUNT);
    }

    /** USDC deposit of {@code quote} units (1e6): with interest 1.0 the scaled balance is tokens × 1000. */
    static SpotPosition usdcDeposit(long quote) {
        return new SpotPosition(0, BigInteger.valueOf(quote).multiply(BigInteger.valueOf(1_000)), false, 0, 0, 0);
    }

    /** SOL spot of {@code lamports} (1e9): with interest 1.0 the scaled balance equals the token amount. */
    static SpotPosition solSpot(long lamports, boolean deposit) {
        return new SpotPosition(1, BigInteger.valueOf(lamports), !deposit, 0, 0, 0);
    }

    static PerpPosition perp(int market, long base, long quote) {
        long funding =
                market == 0 ? (base > 0 ? 1_234_567_890_123L : 1_234_000_000_000L) : 0; // settled: no unsettled funding
        return new PerpPosition(market, base, quote, quote, quote, funding, 0, 0, 0, 0, 0);
    }

    static DriftUser user(List<SpotPosition> spots, List<PerpPosition> perps) {
        List<SpotPosition> s = new ArrayList<>(spots);
        while (s.size() < 8) {
            s.add(new SpotPosition(0, BigInteger.ZERO, false, 0, 0, 0));
        }
        List<PerpPosition> p = new ArrayList<>(perps);
        while (p.size() < 8) {
            p.add(new PerpPosition(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
        return new DriftUser(AUTHORITY, 0, 0, false, 0, 0, 300_000_000L, List.copyOf(s), List.copyOf(p));
    }
}
