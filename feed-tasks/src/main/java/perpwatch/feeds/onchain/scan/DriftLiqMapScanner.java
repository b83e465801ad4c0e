package perpwatch.feeds.onchain.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.onchain.DriftDecodeException;
import perpwatch.feeds.onchain.DriftLayout;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.LiqPosition;
import perpwatch.feeds.onchain.LiquidationPriceCalculator;
import perpwatch.feeds.onchain.MarketContext;
import perpwatch.feeds.onchain.OracleDecoder;
import perpwatch.feeds.onchain.OraclePrice;
import perpwatch.feeds.onchain.PerpMarketAccount;
import perpwatch.feeds.onchain.PerpMarketDecoder;
import perpwatch.feeds.onchain.SpotMarketAccount;
import perpwatch.feeds.onchain.SpotMarketDecoder;
import perpwatch.feeds.onchain.UserDecoder;
import perpwatch.feeds.solana.AccountSink;
import perpwatch.feeds.solana.ProgramAccountsScan;
import perpwatch.feeds.solana.RpcFilter;
import perpwatch.feeds.solana.SolanaRpcClient;

/**
 * One scan of Drift: every perp and spot market, their oracles, then every User account streamed from the node,
 * keeping the users with a position in the market and computing where each gets liquidated. Markets and oracles are
 * read first so every user is evaluated against the same snapshot.
 */
public final class DriftLiqMapScanner {
    private static final Logger LOG = LoggerFactory.getLogger(DriftLiqMapScanner.class);
    /** Above this share of unreadable accounts the scan is refused rather than published as if complete. */
    static final double MAX_UNDECODABLE_SHARE = 0.001;

    private final SolanaRpcClient rpc;
    private final int marketIndex;
    private final LongSupplier clock;
    private final java.util.Optional<DriftFundingClient> funding;
    private final LiquidationPriceCalculator calculator = new LiquidationPriceCalculator();

    public DriftLiqMapScanner(SolanaRpcClient rpc, int marketIndex, LongSupplier clock) {
        this(rpc, marketIndex, clock, java.util.Optional.empty());
    }

    public DriftLiqMapScanner(SolanaRpcClient rpc, int marketIndex, LongSupplier clock, java.util.Optional<DriftFundingClient> funding) {
        this.rpc = rpc;
        this.marketIndex = marketIndex;
        this.clock = clock;
        this.funding = funding;
    }

    public LiqMap scan() {
        long started = clock.getAsLong();
        Map<Integer, PerpMarketAccount> perps = new HashMap<>();
        readAll(DriftLayout.PERP_MARKET_DISCRIMINATOR, DriftLayout.PerpMarket.SIZE, data -> {
            PerpMarketAccount m = PerpMarketDecoder.decode(data);
            perps.put(m.marketIndex(), m);
        });
        Map<Integer, SpotMarketAccount> spots = new HashMap<>();
        readAll(DriftLayout.SPOT_MARKET_DISCRIMINATOR, DriftLayout.SpotMarket.SIZE, data -> {
            SpotMarketAccount m = SpotMarketDecoder.decode(data);
            spots.put(m.marketIndex(), m);
        });
        PerpMarketAccount market = perps.get(marketIndex);
        if (market == null) {
            throw new IllegalStateException("Drift has no perp market " + marketIndex + " (" + perps.size() + " perp markets read)");
        }
        MarketContext context = new MarketContext(perps, spots, oracles(perps, spots));
        OraclePrice oracle = context.perpOracle(market).orElseThrow(
                () -> new IllegalStateException(market.name() + ": no oracle price, live or cached"));
        if (oracle.source() != OraclePrice.Source.ORACLE_ACCOUNT) {
            LOG.warn("{}: oracle {} unreadable, the map uses the market's cached price {}", market.name(), market.oracle(), oracle.price());
        }

        List<LiqPosition> positions = new ArrayList<>();
        long[] failures = new long[1];
        ProgramAccountsScan users = rpc.getProgramAccounts(DriftLayout.PROGRAM_ID,
                List.of(RpcFilter.memcmp(0, DriftLayout.USER_DISCRIMINATOR), RpcFilter.dataSize(DriftLayout.User.SIZE)),
                DriftLayout.User.SIZE, new AccountSink() {
                    @Override
                    public void restart() {
                        positions.clear();
                        failures[0] = 0;
                    }

                    @Override
                    public void accept(String pubkey, byte[] data) {
                        try {
                            if (UserDecoder.hasPerpPosition(data, marketIndex)) {
                                DriftUser user = UserDecoder.decode(data);
                                positions.add(calculator.evaluate(pubkey, user, marketIndex, context));
                            }
                        } catch (DriftDecodeException | ArithmeticException e) {
                            failures[0]++;
                            LOG.debug("user {} skipped: {}", pubkey, e.getMessage());
                        }
                    }
                });
        long undecodable = users.undecodable() + failures[0];
        long seen = users.accounts() + users.undecodable();
        if (seen > 0 && (double) undecodable / seen > MAX_UNDECODABLE_SHARE) {
            throw new IllegalStateException("scan refused: " + undecodable + " of " + seen + " User accounts unreadable (limit "
                    + MAX_UNDECODABLE_SHARE * 100 + " %)");
        }
        positions.sort(BY_DISTANCE);
        LiqMap map = new LiqMap(UUID.randomUUID().toString(), marketIndex, users.slot(), started, clock.getAsLong(),
                users.accounts(), undecodable, oracle, funding.flatMap(f -> f.latestHourlyPct(marketIndex)).orElse(null), List.copyOf(positions));
        LOG.info("drift scan {}: {} users ({} unreadable, encoding {}, {} tries), {} {} positions, {} with a liquidation price, {} ms",
                map.scanId(), users.accounts(), undecodable, users.encoding(), users.attempts(), positions.size(), market.name(),
                map.withLiqPrice(), map.finishedMs() - started);
        return map;
    }

    static final Comparator<LiqPosition> BY_DISTANCE = Comparator
            .comparing(LiqPosition::distanceBps, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(LiqPosition::userPubkey);

    private void readAll(byte[] discriminator, int size, java.util.function.Consumer<byte[]> decoder) {
        rpc.getProgramAccounts(DriftLayout.PROGRAM_ID, List.of(RpcFilter.memcmp(0, discriminator), RpcFilter.dataSize(size)), size,
                new AccountSink() {
                    @Override
                    public void restart() {
                    }

                    @Override
                    public void accept(String pubkey, byte[] data) {
                        try {
                            decoder.accept(data);
                        } catch (DriftDecodeException e) {
                            LOG.warn("market account {} skipped: {}", pubkey, e.getMessage());
                        }
                    }
                });
    }

    /** Every market's oracle, read live; one that cannot be decoded is left out (its market's cached price stands in). */
    private Map<String, OraclePrice> oracles(Map<Integer, PerpMarketAccount> perps, Map<Integer, SpotMarketAccount> spots) {
        Map<String, Integer> sources = new LinkedHashMap<>();
        perps.values().forEach(m -> sources.putIfAbsent(m.oracle(), m.oracleSource()));
        spots.values().forEach(m -> sources.putIfAbsent(m.oracle(), m.oracleSource()));
        Map<String, byte[]> accounts = rpc.getMultipleAccounts(new ArrayList<>(sources.keySet()));
        Map<String, OraclePrice> prices = new HashMap<>();
        for (Map.Entry<String, Integer> e : sources.entrySet()) {
            byte[] data = accounts.get(e.getKey());
            if (data == null) {
                continue;
            }
            try {
                prices.put(e.getKey(), OracleDecoder.decode(e.getValue(), data));
            } catch (DriftDecodeException | ArithmeticException ex) {
                LOG.debug("oracle {} not decoded: {}", e.getKey(), ex.getMessage());
            }
        }
        return prices;
    }
}
