package perpwatch.local.sim.solana;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.MarketStatus;
import perpwatch.feeds.onchain.OracleDecoder;
import perpwatch.feeds.onchain.PerpMarketAccount;
import perpwatch.feeds.onchain.PerpPosition;
import perpwatch.feeds.onchain.SpotMarketAccount;
import perpwatch.feeds.onchain.SpotPosition;
import perpwatch.feeds.onchain.VelocityAccountEncoder;

/**
 * A deterministic Velocity population, every account in Velocity's layout: SOL-PERP (market 0) and BTC-PERP, USDT
 * (spot 0) and SOL (spot 1) on Pyth Lazer oracles that the node keeps posting (each a couple of slots behind its
 * current slot), an unpaused State, and {@code users} User accounts generated from their index. About one user in
 * five holds SOL-PERP, long or short at 1–20× leverage; collateral is USDT, SOL, or SOL with a USDT borrow against
 * it; others hold BTC-PERP only, spot only, or nothing (some idle); one account in {@value #OLDER_LAYOUT_EVERY} is
 * still in the older 4,496-byte layout.
 */
public final class VelocityPopulation implements SimulatedProgram {
    static final int OLDER_LAYOUT_EVERY = 10;
    static final long SOL = DriftPopulation.SOL;
    static final long USD = DriftPopulation.USD;
    static final BigInteger INTEREST_ONE = DriftPopulation.INTEREST_ONE;
    /** USDT deposit and borrow interest of 1.03 and 1.07, SOL's of 1.01 and 1.05. */
    static final BigInteger USDT_DEPOSIT_INTEREST = interest(103);

    static final BigInteger USDT_BORROW_INTEREST = interest(107);
    static final BigInteger SOL_DEPOSIT_INTEREST = interest(101);
    static final BigInteger SOL_BORROW_INTEREST = interest(105);

    private final int users;
    private final long seed;
    private final long solPrice;
    private final long btcPrice = 90_000 * USD;

    public VelocityPopulation(int users, long seed, long solPrice) {
        this.users = users;
        this.seed = seed;
        this.solPrice = solPrice;
    }

    private static BigInteger interest(int hundredths) {
        return INTEREST_ONE.multiply(BigInteger.valueOf(hundredths)).divide(BigInteger.valueOf(100));
    }

    @Override
    public String programId() {
        return VelocityAccountEncoder.PROGRAM_ID;
    }

    @Override
    public String profile() {
        return "velocity";
    }

    @Override
    public int users() {
        return users;
    }

    @Override
    public long solPrice() {
        return solPrice;
    }

    @Override
    public String userPubkey(int i) {
        return DriftPopulation.key(seed, 40_000_000L + i);
    }

    /**
     * SOL-PERP and spot SOL read the same Lazer feed, as Velocity's launch parameters have them. In the local cloud
     * the node serves this account from Velocity's venue model instead ({@code Simulators}), so it moves and stalls
     * with the DLOB's oracle; {@link #oracleAccount} is what a node without that model posts.
     */
    public String solOracle() {
        return DriftPopulation.key(seed, 101);
    }

    public String btcOracle() {
        return DriftPopulation.key(seed, 102);
    }

    public String usdtOracle() {
        return DriftPopulation.key(seed, 103);
    }

    @Override
    public List<PerpMarketAccount> perpMarkets() {
        // SOL-PERP: initial/maintenance 500/300, imf 50, as velocity-v1's relaunch-perp-markets.json sets them.
        return List.of(
                perpMarket(110, 0, "SOL-PERP", solOracle(), solPrice, 50),
                perpMarket(111, 1, "BTC-PERP", btcOracle(), btcPrice, 100));
    }

    private PerpMarketAccount perpMarket(int key, int index, String name, String oracle, long price, long imf) {
        return new PerpMarketAccount(
                DriftPopulation.key(seed, key),
                index,
                name,
                oracle,
                OracleDecoder.PYTH_LAZER,
                0,
                0,
                index == 0 ? BigInteger.valueOf(2_000_000_000_000L) : BigInteger.ZERO,
                index == 0 ? BigInteger.valueOf(1_990_000_000_000L) : BigInteger.ZERO,
                imf,
                500,
                300,
                10_000,
                MarketStatus.ACTIVE,
                0,
                0,
                0);
    }

    @Override
    public List<SpotMarketAccount> spotMarkets() {
        return List.of(
                new SpotMarketAccount(
                        DriftPopulation.key(seed, 120),
                        0,
                        "USDT",
                        usdtOracle(),
                        OracleDecoder.PYTH_LAZER_STABLE_COIN,
                        USD,
                        USDT_DEPOSIT_INTEREST,
                        USDT_BORROW_INTEREST,
                        10_000,
                        10_000,
                        0,
                        6),
                new SpotMarketAccount(
                        DriftPopulation.key(seed, 121),
                        1,
                        "SOL",
                        solOracle(),
                        OracleDecoder.PYTH_LAZER,
                        solPrice,
                        SOL_DEPOSIT_INTEREST,
                        SOL_BORROW_INTEREST,
                        9_000,
                        11_000,
                        1_000,
                        9));
    }

    @Override
    public byte[] perpMarketAccount(PerpMarketAccount market) {
        return VelocityAccountEncoder.perpMarket(market);
    }

    @Override
    public byte[] spotMarketAccount(SpotMarketAccount market) {
        return VelocityAccountEncoder.spotMarket(market);
    }

    @Override
    public String statePubkey() {
        return DriftPopulation.key(seed, 130);
    }

    /** Velocity trades: no pause bit is set. */
    @Override
    public byte[] stateAccount() {
        return VelocityAccountEncoder.state(0);
    }

    /** Lazer oracles posted two slots before the node's current slot: a live feed. */
    @Override
    public byte[] oracleAccount(String pubkey, long currentSlot) {
        long now = System.currentTimeMillis() / 1000;
        long posted = currentSlot - 2;
        if (pubkey.equals(solOracle())) {
            return VelocityAccountEncoder.pythLazer(solPrice * 100, -8, now, posted);
        }
        if (pubkey.equals(btcOracle())) {
            return VelocityAccountEncoder.pythLazer(btcPrice * 100, -8, now, posted);
        }
        if (pubkey.equals(usdtOracle())) {
            return VelocityAccountEncoder.pythLazer(100_000_000L, -8, now, posted);
        }
        return null;
    }

    /** The layout size of user {@code i}'s account: every tenth is still in the older layout. */
    @Override
    public int userSize(int i) {
        return i % OLDER_LAYOUT_EVERY == OLDER_LAYOUT_EVERY - 1
                ? VelocityAccountEncoder.USER_OLDER
                : VelocityAccountEncoder.USER_CURRENT;
    }

    @Override
    public byte[] userAccount(int i) {
        return VelocityAccountEncoder.user(user(i), userSize(i));
    }

    @Override
    public DriftUser user(int i) {
        SplittableRandom r = new SplittableRandom(seed * 31 + i);
        double collateralUsd = Math.exp(r.nextDouble(Math.log(50), Math.log(250_000)));
        List<SpotPosition> spots = new ArrayList<>();
        List<PerpPosition> perps = new ArrayList<>();
        int collateral = r.nextInt(4);
        if (collateral <= 1) {
            spots.add(new SpotPosition(0, usdtScaled(collateralUsd, USDT_DEPOSIT_INTEREST), false, 0, 0, 0));
        } else {
            // SOL collateral; half of these also borrow USDT against it (a quarter of the collateral's value).
            spots.add(solDeposit(collateralUsd));
            if (collateral == 3) {
                spots.add(new SpotPosition(0, usdtScaled(collateralUsd / 4, USDT_BORROW_INTEREST), true, 0, 0, 0));
            }
        }
        int kind = r.nextInt(10);
        if (kind < 2) {
            perps.add(leveraged(r, 0, solPrice, collateralUsd));
        } else if (kind == 2) {
            perps.add(leveraged(r, 0, solPrice, collateralUsd / 2));
            perps.add(leveraged(r, 1, btcPrice, collateralUsd / 3));
        } else if (kind == 3) {
            perps.add(leveraged(r, 1, btcPrice, collateralUsd));
        }
        boolean idle = perps.isEmpty() && r.nextInt(3) == 0;
        return new DriftUser(
                DriftPopulation.key(seed, 50_000_000L + i),
                r.nextInt(3),
                0,
                idle,
                DriftUser.MARGIN_MODE_DEFAULT,
                0,
                SlotClock.FIRST_SLOT - r.nextInt(5_000_000),
                spots,
                perps);
    }

    /** A position of 1–20× the collateral, most near the low end, entered within ±4 % of the price. */
    private static PerpPosition leveraged(SplittableRandom r, int market, long price, double collateralUsd) {
        double u = r.nextDouble();
        double leverage = 1 + 19 * u * u;
        return DriftPopulation.position(r, market, price, collateralUsd * leverage);
    }

    /** Scaled balance = tokens × 1e10 / interest × (1e9 / 10^decimals), USDT having 6 decimals. */
    private static BigInteger usdtScaled(double usd, BigInteger interest) {
        return BigInteger.valueOf((long) (usd * USD))
                .multiply(BigInteger.valueOf(1_000))
                .multiply(INTEREST_ONE)
                .divide(interest);
    }

    private SpotPosition solDeposit(double usd) {
        // SOL has 9 decimals, so the scaled balance is lamports × 1e10 / interest.
        long lamports = (long) (usd / (solPrice / (double) USD) * SOL);
        BigInteger scaled = BigInteger.valueOf(lamports).multiply(INTEREST_ONE).divide(SOL_DEPOSIT_INTEREST);
        return new SpotPosition(1, scaled, false, 0, 0, 0);
    }
}
