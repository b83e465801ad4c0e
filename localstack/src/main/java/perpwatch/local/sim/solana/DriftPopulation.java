package perpwatch.local.sim.solana;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import perpwatch.feeds.onchain.DriftAccountEncoder;
import perpwatch.feeds.onchain.DriftLayout;
import perpwatch.feeds.onchain.DriftStateEncoder;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.MarketStatus;
import perpwatch.feeds.onchain.OracleDecoder;
import perpwatch.feeds.onchain.PerpMarketAccount;
import perpwatch.feeds.onchain.PerpPosition;
import perpwatch.feeds.onchain.SpotMarketAccount;
import perpwatch.feeds.onchain.SpotPosition;
import perpwatch.feeds.solana.Base58;

/**
 * A deterministic population of Drift accounts: SOL-PERP and BTC-PERP, USDC and SOL spot markets with Pyth Lazer
 * and Pyth pull oracles, and {@code users} User accounts generated from their index (so 200,000 of them cost no
 * memory until served). About one user in six holds SOL-PERP, long or short at 1–20× leverage; some also hold SOL
 * spot or BTC-PERP; the rest are idle or hold other markets only. As on mainnet since the 2026-04-01 drain, the
 * program is paused (every exchange-status bit set) and its oracles stopped at {@link #PAUSED_AT_SLOT}.
 */
public final class DriftPopulation implements SimulatedProgram {
    /** Where Drift v2's oracles stopped: older than any slot budget against {@link SlotClock#FIRST_SLOT}. */
    static final long PAUSED_AT_SLOT = 410_000_000L;
    /** 2026-04-01T00:00:00Z, the drain. */
    static final long PAUSED_AT_EPOCH_SECONDS = 1_775_001_600L;
    /** Deposits, withdrawals, AMM, fills, liquidations, funding, PnL settlement, AMM fills: all paused. */
    static final int PAUSED = 0xff;

    public static final int DEFAULT_USERS = 200_000;
    static final long SOL = 1_000_000_000L;
    static final long USD = 1_000_000L;
    static final BigInteger INTEREST_ONE = BigInteger.TEN.pow(10);

    private final int users;
    private final long seed;
    private final long solPrice;
    private final long btcPrice = 90_000 * USD;

    public DriftPopulation(int users, long seed, long solPrice) {
        this.users = users;
        this.seed = seed;
        this.solPrice = solPrice;
    }

    @Override
    public int users() {
        return users;
    }

    @Override
    public long solPrice() {
        return solPrice;
    }

    static String key(long a, long b) {
        byte[] k = new byte[32];
        SplittableRandom r = new SplittableRandom(a * 1_000_003L + b);
        for (int i = 0; i < 32; i++) {
            k[i] = (byte) r.nextInt(256);
        }
        return Base58.encode(k);
    }

    @Override
    public String userPubkey(int i) {
        return key(seed, 10_000_000L + i);
    }

    public String solOracle() {
        return key(seed, 1);
    }

    public String btcOracle() {
        return key(seed, 2);
    }

    public String usdcOracle() {
        return key(seed, 3);
    }

    @Override
    public List<PerpMarketAccount> perpMarkets() {
        return List.of(
                new PerpMarketAccount(
                        key(seed, 10),
                        0,
                        "SOL-PERP",
                        solOracle(),
                        OracleDecoder.PYTH_LAZER,
                        solPrice,
                        solPrice,
                        BigInteger.valueOf(2_000_000_000_000L),
                        BigInteger.valueOf(1_990_000_000_000L),
                        450,
                        500,
                        300,
                        10_000,
                        MarketStatus.ACTIVE,
                        0,
                        100,
                        50),
                new PerpMarketAccount(
                        key(seed, 11),
                        1,
                        "BTC-PERP",
                        btcOracle(),
                        OracleDecoder.PYTH_LAZER,
                        btcPrice,
                        btcPrice,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        1_000,
                        500,
                        300,
                        10_000,
                        MarketStatus.ACTIVE,
                        0,
                        100,
                        50));
    }

    @Override
    public List<SpotMarketAccount> spotMarkets() {
        return List.of(
                new SpotMarketAccount(
                        key(seed, 20),
                        0,
                        "USDC",
                        usdcOracle(),
                        OracleDecoder.PYTH_STABLE_COIN_PULL,
                        USD,
                        INTEREST_ONE.add(INTEREST_ONE.divide(BigInteger.valueOf(20))),
                        INTEREST_ONE.add(INTEREST_ONE.divide(BigInteger.valueOf(12))),
                        10_000,
                        10_000,
                        0,
                        6),
                new SpotMarketAccount(
                        key(seed, 21),
                        1,
                        "SOL",
                        solOracle(),
                        OracleDecoder.PYTH_LAZER,
                        solPrice,
                        INTEREST_ONE.add(INTEREST_ONE.divide(BigInteger.valueOf(50))),
                        INTEREST_ONE.add(INTEREST_ONE.divide(BigInteger.valueOf(10))),
                        9_000,
                        11_000,
                        1_000,
                        9));
    }

    /**
     * Oracle accounts by pubkey: SOL and BTC as Drift Pyth Lazer accounts, USDC as a Pyth pull price update, all as
     * they were left when the program was paused.
     */
    public byte[] oracleAccount(String pubkey) {
        long at = PAUSED_AT_EPOCH_SECONDS;
        if (pubkey.equals(solOracle())) {
            return DriftAccountEncoder.pythLazer(solPrice * 100, -8, at, PAUSED_AT_SLOT);
        }
        if (pubkey.equals(btcOracle())) {
            return DriftAccountEncoder.pythLazer(btcPrice * 100, -8, at, PAUSED_AT_SLOT);
        }
        if (pubkey.equals(usdcOracle())) {
            return DriftAccountEncoder.priceUpdateV2(100_000_000L, -8, at, PAUSED_AT_SLOT, true);
        }
        return null;
    }

    @Override
    public byte[] oracleAccount(String pubkey, long currentSlot) {
        return oracleAccount(pubkey);
    }

    @Override
    public String programId() {
        return DriftLayout.PROGRAM_ID;
    }

    @Override
    public String profile() {
        return "drift-v2";
    }

    @Override
    public int userSize(int i) {
        return DriftLayout.User.SIZE;
    }

    @Override
    public byte[] userAccount(int i) {
        return DriftAccountEncoder.user(user(i));
    }

    @Override
    public byte[] perpMarketAccount(PerpMarketAccount market) {
        return DriftAccountEncoder.perpMarket(market);
    }

    @Override
    public byte[] spotMarketAccount(SpotMarketAccount market) {
        return DriftAccountEncoder.spotMarket(market);
    }

    @Override
    public String statePubkey() {
        return key(seed, 30);
    }

    @Override
    public byte[] stateAccount() {
        return DriftStateEncoder.state(PAUSED);
    }

    /** User {@code i}, the same on every call. */
    @Override
    public DriftUser user(int i) {
        SplittableRandom r = new SplittableRandom(seed * 31 + i);
        double collateralUsd = Math.exp(r.nextDouble(Math.log(50), Math.log(250_000)));
        List<SpotPosition> spots = new ArrayList<>();
        List<PerpPosition> perps = new ArrayList<>();
        // Scaled balance = tokens × 1e10 / interest × (1e9 / 10^decimals); USDC interest here is 1.05.
        BigInteger usdcScaled = BigInteger.valueOf((long) (collateralUsd * USD))
                .multiply(BigInteger.valueOf(1_000))
                .multiply(INTEREST_ONE)
                .divide(INTEREST_ONE.add(INTEREST_ONE.divide(BigInteger.valueOf(20))));
        spots.add(new SpotPosition(0, usdcScaled, false, 0, 0, 0));
        int kind = r.nextInt(12);
        if (kind < 2) {
            long base = (long) (r.nextDouble(0.5, 50) * SOL);
            if (r.nextBoolean()) {
                spots.add(new SpotPosition(1, BigInteger.valueOf(base), false, 0, 0, 0));
            }
            perps.add(perp(r, 0, solPrice, collateralUsd));
        } else if (kind == 2) {
            perps.add(perp(r, 0, solPrice, collateralUsd));
            perps.add(perp(r, 1, btcPrice, collateralUsd / 3));
        } else if (kind == 3) {
            perps.add(perp(r, 1, btcPrice, collateralUsd));
        }
        boolean idle = perps.isEmpty() && r.nextInt(3) == 0;
        return new DriftUser(
                key(seed, 20_000_000L + i),
                r.nextInt(3),
                0,
                idle,
                0,
                0,
                250_000_000L + r.nextInt(50_000_000),
                spots,
                perps);
    }

    /** A position of {@code collateral × leverage} notional, entered within ±4 % of the price. */
    private static PerpPosition perp(SplittableRandom r, int market, long price, double collateralUsd) {
        // Most accounts run well inside maintenance (ones past it get liquidated within seconds on mainnet).
        double leverage = r.nextDouble() < 0.05 ? r.nextDouble(0.2, 0.9) : 1.0 + 11.0 * r.nextDouble() * r.nextDouble();
        return position(r, market, price, collateralUsd * leverage);
    }

    /** A long or short of {@code notional} USD, entered within ±4 % of the price, funding paid up to now or not. */
    static PerpPosition position(SplittableRandom r, int market, long price, double notional) {
        long base = (long) (notional / (price / (double) USD) * SOL);
        if (base == 0) {
            base = SOL / 100;
        }
        boolean lng = r.nextBoolean();
        double entry = price / (double) USD * (1 + r.nextDouble(-0.04, 0.04));
        long quote = (long) (base / (double) SOL * entry * USD);
        long signedBase = lng ? base : -base;
        long signedQuote = lng ? -quote : quote;
        long lastFunding =
                market == 0 ? (lng ? 2_000_000_000_000L : 1_990_000_000_000L) - r.nextInt(2_000_000) * 1_000L : 0;
        return new PerpPosition(market, signedBase, signedQuote, signedQuote, signedQuote, lastFunding, 0, 0, 0, 0, 0);
    }
}
