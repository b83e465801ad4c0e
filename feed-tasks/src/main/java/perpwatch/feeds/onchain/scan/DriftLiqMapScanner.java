package perpwatch.feeds.onchain.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.onchain.Discriminators;
import perpwatch.feeds.onchain.DriftDecodeException;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.ExchangeStatus;
import perpwatch.feeds.onchain.LiqPosition;
import perpwatch.feeds.onchain.LiquidationPriceCalculator;
import perpwatch.feeds.onchain.MarketContext;
import perpwatch.feeds.onchain.OracleKey;
import perpwatch.feeds.onchain.OraclePrice;
import perpwatch.feeds.onchain.PerpMarketAccount;
import perpwatch.feeds.onchain.ProgramDecoders;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.onchain.SpotMarketAccount;
import perpwatch.feeds.solana.AccountSink;
import perpwatch.feeds.solana.ProgramAccountsScan;
import perpwatch.feeds.solana.RpcFilter;
import perpwatch.feeds.solana.SolanaRpcClient;

/**
 * One scan of the profile's program: its State (exchange status), every perp and spot market, their oracles, then
 * every User account streamed from the node, keeping the users with a position in the market and computing where each
 * gets liquidated. Markets and oracles are read first so every user is evaluated against the same snapshot. Accounts
 * are fetched by discriminator alone, never by {@code dataSize}: an account grown in place must still be seen, and
 * then decoded by its size's layout or counted as undecodable.
 */
public final class DriftLiqMapScanner {
    private static final Logger LOG = LoggerFactory.getLogger(DriftLiqMapScanner.class);
    /** Above this share of unreadable accounts the scan is refused rather than published as if complete. */
    static final double MAX_UNDECODABLE_SHARE = 0.001;

    private final SolanaRpcClient rpc;
    private final ProgramProfile profile;
    private final ProgramDecoders decoders;
    private final PopulationGuard population = new PopulationGuard();
    private final int marketIndex;
    private final LongSupplier clock;
    private final Optional<DriftFundingClient> funding;
    private final LiquidationPriceCalculator calculator = new LiquidationPriceCalculator();

    public DriftLiqMapScanner(SolanaRpcClient rpc, ProgramProfile profile, int marketIndex, LongSupplier clock) {
        this(rpc, profile, marketIndex, clock, Optional.empty());
    }

    public DriftLiqMapScanner(
            SolanaRpcClient rpc,
            ProgramProfile profile,
            int marketIndex,
            LongSupplier clock,
            Optional<DriftFundingClient> funding) {
        this.rpc = rpc;
        this.profile = profile;
        this.decoders = profile.decoders();
        this.marketIndex = marketIndex;
        this.clock = clock;
        this.funding = funding;
    }

    public LiqMap scan() {
        long started = clock.getAsLong();
        List<ExchangeStatus> states = new ArrayList<>();
        readAll(Discriminators.STATE, data -> states.add(decoders.state(data)));
        // The simulator and some nodes serve no State: the map then says its exchange status is unknown.
        ExchangeStatus exchange = states.size() == 1 ? states.get(0) : null;
        Map<Integer, PerpMarketAccount> perps = new HashMap<>();
        readAll(Discriminators.PERP_MARKET, data -> {
            PerpMarketAccount m = decoders.perpMarket(data);
            perps.put(m.marketIndex(), m);
        });
        Map<Integer, SpotMarketAccount> spots = new HashMap<>();
        readAll(Discriminators.SPOT_MARKET, data -> {
            SpotMarketAccount m = decoders.spotMarket(data);
            spots.put(m.marketIndex(), m);
        });
        PerpMarketAccount market = perps.get(marketIndex);
        if (market == null) {
            throw new IllegalStateException(profile.configName() + " has no perp market " + marketIndex + " ("
                    + perps.size() + " perp markets read)");
        }
        MarketContext context = new MarketContext(perps, spots, oracles(perps, spots));
        OraclePrice oracle = context.perpOracle(market)
                .orElseThrow(() -> new IllegalStateException(market.name() + ": no oracle price, live or cached"));
        if (oracle.source() != OraclePrice.Source.ORACLE_ACCOUNT) {
            LOG.warn(
                    "{}: oracle {} unreadable, the map uses the market's cached price {}",
                    market.name(),
                    market.oracle(),
                    oracle.price());
        }

        List<LiqPosition> positions = new ArrayList<>();
        long[] failures = new long[1];
        ProgramAccountsScan users = rpc.getProgramAccounts(
                profile.programId(),
                List.of(RpcFilter.memcmp(0, Discriminators.USER)),
                decoders.maxUserSize(),
                new AccountSink() {
                    @Override
                    public void restart() {
                        positions.clear();
                        failures[0] = 0;
                    }

                    @Override
                    public void accept(String pubkey, byte[] data) {
                        try {
                            if (decoders.hasPerpPosition(data, marketIndex)) {
                                DriftUser user = decoders.user(data);
                                positions.add(calculator.evaluate(pubkey, user, marketIndex, context));
                            }
                        } catch (DriftDecodeException | ArithmeticException e) {
                            failures[0]++;
                            LOG.debug("user {} skipped: {}", pubkey, e.getMessage());
                        }
                    }
                });
        // A User of a size no layout names is refused by hasPerpPosition: it lands in failures, never guessed at.
        long undecodable = users.undecodable() + failures[0];
        long seen = users.accounts() + users.undecodable();
        if (seen > 0 && (double) undecodable / seen > MAX_UNDECODABLE_SHARE) {
            throw new IllegalStateException("scan refused: " + undecodable + " of " + seen
                    + " User accounts unreadable (limit " + MAX_UNDECODABLE_SHARE * 100 + " %)");
        }
        population.check(users.accounts());
        positions.sort(BY_DISTANCE);
        LiqMap map = new LiqMap(
                UUID.randomUUID().toString(),
                profile.configName(),
                exchange,
                marketIndex,
                users.slot(),
                started,
                clock.getAsLong(),
                users.accounts(),
                undecodable,
                oracle,
                funding.flatMap(f -> f.latestHourlyPct(marketIndex)).orElse(null),
                List.copyOf(positions));
        LOG.info(
                "{} scan {}: {} users ({} unreadable, encoding {}, {} tries), {} {} positions, {} with a "
                        + "liquidation price, {} ms",
                profile.configName(),
                map.scanId(),
                users.accounts(),
                undecodable,
                users.encoding(),
                users.attempts(),
                positions.size(),
                market.name(),
                map.withLiqPrice(),
                map.finishedMs() - started);
        return map;
    }

    static final Comparator<LiqPosition> BY_DISTANCE = Comparator.comparing(
                    LiqPosition::distanceBps, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(LiqPosition::userPubkey);

    private void readAll(byte[] discriminator, Consumer<byte[]> decoder) {
        rpc.getProgramAccounts(
                profile.programId(),
                List.of(RpcFilter.memcmp(0, discriminator)),
                decoders.maxMarketSize(),
                new AccountSink() {
                    @Override
                    public void restart() {}

                    @Override
                    public void accept(String pubkey, byte[] data) {
                        try {
                            decoder.accept(data);
                        } catch (DriftDecodeException e) {
                            LOG.warn("account {} skipped: {}", pubkey, e.getMessage());
                        }
                    }
                });
    }

    /**
     * Every market's oracle, read live, once per (account, source): each account is fetched once, then read once per
     * source a market reads it with. One that cannot be decoded is left out (its market's cached price stands in).
     */
    Map<OracleKey, OraclePrice> oracles(Map<Integer, PerpMarketAccount> perps, Map<Integer, SpotMarketAccount> spots) {
        Set<OracleKey> keys = new LinkedHashSet<>();
        perps.values().forEach(m -> keys.add(new OracleKey(m.oracle(), m.oracleSource())));
        spots.values().forEach(m -> keys.add(new OracleKey(m.oracle(), m.oracleSource())));
        Map<String, byte[]> accounts = rpc.getMultipleAccounts(
                keys.stream().map(OracleKey::account).distinct().toList());
        Map<OracleKey, OraclePrice> prices = new HashMap<>();
        for (OracleKey key : keys) {
            byte[] data = accounts.get(key.account());
            if (data == null) {
                continue;
            }
            try {
                prices.put(key, decoders.oracle(key.source(), data));
            } catch (DriftDecodeException | ArithmeticException ex) {
                LOG.debug("oracle {} (source {}) not decoded: {}", key.account(), key.source(), ex.getMessage());
            }
        }
        return prices;
    }
}
