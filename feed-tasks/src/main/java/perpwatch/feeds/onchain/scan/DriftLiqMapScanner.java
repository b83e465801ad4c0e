package perpwatch.feeds.onchain.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import perpwatch.feeds.solana.SolanaRpcConfig;
import perpwatch.feeds.solana.SolanaRpcException;

/**
 * One scan of the profile's program: its State (exchange status), every perp and spot market, their oracles and the
 * node's current slot, then every User account streamed from the node, keeping the users with a position in the
 * market and computing where each gets liquidated. Markets and oracles are read first so every user is evaluated
 * against the same snapshot. Accounts are fetched by discriminator alone, never by {@code dataSize}: an account grown
 * in place must still be seen, and then decoded by its size's layout or counted as undecodable. The map says whether
 * it is live, stale or frozen ({@link FreshnessJudge}); bad input is counted by kind ({@link BadInput}).
 */
public final class DriftLiqMapScanner {
    private static final Logger LOG = LoggerFactory.getLogger(DriftLiqMapScanner.class);
    /** Above this share of unreadable accounts the scan is refused rather than published as if complete. */
    static final double MAX_UNDECODABLE_SHARE = 0.001;
    /**
     * The largest User the RPC reader will decompress: far above any layout, so an account grown in place arrives
     * whole and is counted as an unknown size, while a hostile node still cannot make one account cost more.
     */
    static final int MAX_USER_BYTES = 64 * 1024;

    private final SolanaRpcClient rpc;
    private final ProgramProfile profile;
    private final ProgramDecoders decoders;
    private final PopulationGuard population = new PopulationGuard();
    private final BadInput badInput = new BadInput();
    private final FreshnessJudge judge;
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
        this(rpc, profile, marketIndex, clock, funding, SolanaRpcConfig.DEFAULT_ORACLE_SLOT_BUDGET);
    }

    /** {@code slotBudget}: how many slots behind the node's an oracle may be before the map reads stale. */
    public DriftLiqMapScanner(
            SolanaRpcClient rpc,
            ProgramProfile profile,
            int marketIndex,
            LongSupplier clock,
            Optional<DriftFundingClient> funding,
            long slotBudget) {
        this.rpc = rpc;
        this.profile = profile;
        this.decoders = profile.decoders();
        this.marketIndex = marketIndex;
        this.clock = clock;
        this.funding = funding;
        this.judge = new FreshnessJudge(slotBudget);
    }

    public String program() {
        return profile.configName();
    }

    /** Bad input met so far, by kind: the task reports these with its counters. */
    public BadInput badInput() {
        return badInput;
    }

    /** The last published scan's User count, so the population guard holds across a restart. */
    public void seedPopulation(long accounts) {
        population.seed(accounts);
    }

    public LiqMap scan() {
        try {
            return scanOnce();
        } catch (SolanaRpcException e) {
            if (e.code() == SolanaRpcException.UNREADABLE_BODY) {
                badInput.record(BadInput.Kind.RPC_BODY, e.getMessage());
            }
            throw e;
        }
    }

    private LiqMap scanOnce() {
        long started = clock.getAsLong();
        StateReading state = readState();
        Map<Integer, PerpMarketAccount> perps = new HashMap<>();
        readAll(Discriminators.PERP_MARKET, "PerpMarket", data -> {
            PerpMarketAccount m = decoders.perpMarket(data);
            perps.put(m.marketIndex(), m);
        });
        Map<Integer, SpotMarketAccount> spots = new HashMap<>();
        readAll(Discriminators.SPOT_MARKET, "SpotMarket", data -> {
            SpotMarketAccount m = decoders.spotMarket(data);
            spots.put(m.marketIndex(), m);
        });
        PerpMarketAccount market = perps.get(marketIndex);
        if (market == null) {
            throw new IllegalStateException(profile.configName() + " has no perp market " + marketIndex + " ("
                    + perps.size() + " perp markets read)");
        }
        OracleReadings readings = oracles(perps, spots);
        long currentSlot = currentSlot();
        MarketContext context = new MarketContext(perps, spots, readings.prices());
        List<String> notes = standIns(perps, spots, readings, context);
        OraclePrice oracle = context.perpOracle(market)
                .orElseThrow(() -> new IllegalStateException(
                        market.name() + ": no oracle price, live or cached (" + String.join("; ", notes) + ")"));

        List<LiqPosition> positions = new ArrayList<>();
        UserTally tally = new UserTally();
        ProgramAccountsScan users = users(new AccountSink() {
            @Override
            public void restart() {
                positions.clear();
                tally.clear();
            }

            @Override
            public void accept(String pubkey, byte[] data) {
                try {
                    if (decoders.hasPerpPosition(data, marketIndex)) {
                        DriftUser user = decoders.user(data);
                        positions.add(calculator.evaluate(pubkey, user, marketIndex, context));
                    }
                } catch (DriftDecodeException e) {
                    tally.add(kind(e), pubkey + ": " + e.getMessage());
                } catch (ArithmeticException e) {
                    tally.add(BadInput.Kind.MALFORMED_ACCOUNT, pubkey + ": arithmetic overflow " + e.getMessage());
                }
            }
        });
        tally.report(badInput);
        badInput.record(
                BadInput.Kind.RPC_BODY,
                users.undecodable(),
                users.undecodable() + " User accounts whose data is not valid " + users.encoding());
        // A User of a size no layout names is refused by hasPerpPosition: it lands in the tally, never guessed at.
        long undecodable = users.undecodable() + tally.total();
        long seen = users.accounts() + users.undecodable();
        if (seen > 0 && (double) undecodable / seen > MAX_UNDECODABLE_SHARE) {
            throw new ScanRefusedException("scan refused: " + undecodable + " of " + seen
                    + " User accounts unreadable (limit " + MAX_UNDECODABLE_SHARE * 100 + " %)");
        }
        population.check(users.accounts());
        positions.sort(BY_DISTANCE);
        Freshness freshness = judge.judge(
                state.exchange(), state.problem(), currentSlot, market.name(), oracle, readings.prices(), notes);
        LiqMap map = new LiqMap(
                UUID.randomUUID().toString(),
                profile.configName(),
                state.exchange(),
                marketIndex,
                users.slot(),
                started,
                clock.getAsLong(),
                users.accounts(),
                undecodable,
                oracle,
                funding.flatMap(f -> f.latestHourlyPct(marketIndex)).orElse(null),
                List.copyOf(positions),
                freshness);
        LOG.info(
                "{} scan {}: {} ({}), {} users ({} unreadable, encoding {}, {} tries), {} {} positions, "
                        + "{} with a liquidation price, {} ms",
                profile.configName(),
                map.scanId(),
                freshness.state().wire(),
                freshness.state() == MapState.LIVE ? "oracle lag " + freshness.oracleLagSlots() : freshness.reason(),
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

    /**
     * The User accounts. An answer without a {@code result} (after the client's retries) is refused like an empty
     * one: a node that says nothing has not said "no accounts". A body that stays unreadable is counted.
     */
    private ProgramAccountsScan users(AccountSink sink) {
        try {
            return rpc.getProgramAccounts(
                    profile.programId(), List.of(RpcFilter.memcmp(0, Discriminators.USER)), MAX_USER_BYTES, sink);
        } catch (SolanaRpcException e) {
            if (e.code() == SolanaRpcException.NO_RESULT) {
                throw new ScanRefusedException("scan refused: " + e.getMessage());
            }
            throw e;
        }
    }

    /** The State's exchange status, or why there is none: an unreadable State never reads as "not paused". */
    private StateReading readState() {
        List<ExchangeStatus> states = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            ProgramAccountsScan scan = rpc.getProgramAccounts(
                    profile.programId(),
                    List.of(RpcFilter.memcmp(0, Discriminators.STATE)),
                    decoders.maxMarketSize(),
                    new AccountSink() {
                        @Override
                        public void restart() {
                            states.clear();
                            problems.clear();
                        }

                        @Override
                        public void accept(String pubkey, byte[] data) {
                            try {
                                states.add(decoders.state(data));
                            } catch (DriftDecodeException e) {
                                problems.add("State " + pubkey + ": " + e.getMessage());
                            }
                        }
                    });
            if (scan.undecodable() > 0) {
                problems.add(scan.undecodable() + " State account(s) not decodable from the node's " + scan.encoding());
            }
        } catch (SolanaRpcException e) {
            problems.add("State not served: " + e.getMessage());
        }
        if (states.size() == 1 && problems.isEmpty()) {
            return new StateReading(states.get(0), "");
        }
        String problem = !problems.isEmpty()
                ? String.join("; ", problems)
                : states.isEmpty() ? "the node served no State account" : states.size() + " State accounts served";
        badInput.record(BadInput.Kind.STATE_UNREADABLE, profile.configName() + ": " + problem);
        return new StateReading(null, problem);
    }

    private record StateReading(ExchangeStatus exchange, String problem) {}

    private long currentSlot() {
        try {
            return rpc.getSlot();
        } catch (SolanaRpcException e) {
            LOG.warn("getSlot failed, the map cannot be judged live: {}", e.getMessage());
            return -1;
        }
    }

    private void readAll(byte[] discriminator, String account, Consumer<byte[]> decoder) {
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
                            badInput.record(kind(e), account + " " + pubkey + " skipped: " + e.getMessage());
                        }
                    }
                });
    }

    /**
     * Every market's oracle, read live, once per (account, source): each account is fetched once, then read once per
     * source a market reads it with. One that gives no price is recorded with why (its market's cached price, if it
     * has one, stands in, and the scan says so).
     */
    OracleReadings oracles(Map<Integer, PerpMarketAccount> perps, Map<Integer, SpotMarketAccount> spots) {
        Set<OracleKey> keys = new LinkedHashSet<>();
        perps.values().forEach(m -> keys.add(new OracleKey(m.oracle(), m.oracleSource())));
        spots.values().forEach(m -> keys.add(new OracleKey(m.oracle(), m.oracleSource())));
        Map<String, byte[]> accounts = rpc.getMultipleAccounts(
                keys.stream().map(OracleKey::account).distinct().toList());
        Map<OracleKey, OraclePrice> prices = new HashMap<>();
        Map<OracleKey, String> failures = new LinkedHashMap<>();
        for (OracleKey key : keys) {
            byte[] data = accounts.get(key.account());
            if (data == null) {
                failures.put(key, "no such account");
                continue;
            }
            try {
                prices.put(key, decoders.oracle(key.source(), data));
            } catch (DriftDecodeException e) {
                failures.put(key, e.getMessage());
                badInput.record(
                        e.fault() == DriftDecodeException.Fault.ORACLE_EXPONENT
                                ? BadInput.Kind.ORACLE_EXPONENT
                                : BadInput.Kind.ORACLE_UNDECODABLE,
                        "oracle " + key.account() + " (source " + key.source() + "): " + e.getMessage());
            } catch (ArithmeticException e) {
                failures.put(key, "price overflows: " + e.getMessage());
                badInput.record(BadInput.Kind.ORACLE_UNDECODABLE, "oracle " + key.account() + ": " + e.getMessage());
            }
        }
        return new OracleReadings(prices, failures);
    }

    /** For each market whose oracle gave no price: which oracle, why, and what priced the market instead. */
    private static List<String> standIns(
            Map<Integer, PerpMarketAccount> perps,
            Map<Integer, SpotMarketAccount> spots,
            OracleReadings readings,
            MarketContext context) {
        List<String> notes = new ArrayList<>();
        perps.values().stream()
                .sorted(Comparator.comparingInt(PerpMarketAccount::marketIndex))
                .forEach(m -> {
                    OracleKey key = new OracleKey(m.oracle(), m.oracleSource());
                    if (readings.failures().containsKey(key)) {
                        notes.add(standIn(m.name(), key, readings.failures().get(key), context.perpOracle(m)));
                    }
                });
        spots.values().stream()
                .sorted(Comparator.comparingInt(SpotMarketAccount::marketIndex))
                .forEach(m -> {
                    OracleKey key = new OracleKey(m.oracle(), m.oracleSource());
                    if (readings.failures().containsKey(key)) {
                        notes.add(standIn(m.name(), key, readings.failures().get(key), context.spotOracle(m)));
                    }
                });
        return notes;
    }

    private static String standIn(String market, OracleKey key, String why, Optional<OraclePrice> used) {
        return "oracle " + key.account() + " (source " + key.source() + ") of " + market + " not decoded (" + why
                + "): "
                + used.map(p -> market + "'s cached price " + p.price() + " stood in")
                        .orElse(market + " has no cached price, so it has no price");
    }

    static BadInput.Kind kind(DriftDecodeException e) {
        return switch (e.fault()) {
            case UNKNOWN_SIZE -> BadInput.Kind.UNKNOWN_ACCOUNT_SIZE;
            case SHORT -> BadInput.Kind.SHORT_ACCOUNT;
            case ORACLE_EXPONENT -> BadInput.Kind.ORACLE_EXPONENT;
            case MALFORMED -> BadInput.Kind.MALFORMED_ACCOUNT;
        };
    }

    /** Undecodable Users of one attempt, by kind, with the first reason of each: reported once the stream is done. */
    private static final class UserTally {
        private final Map<BadInput.Kind, Long> counts = new LinkedHashMap<>();
        private final Map<BadInput.Kind, String> first = new LinkedHashMap<>();

        void add(BadInput.Kind kind, String reason) {
            counts.merge(kind, 1L, Long::sum);
            first.putIfAbsent(kind, reason);
        }

        void clear() {
            counts.clear();
            first.clear();
        }

        long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }

        void report(BadInput badInput) {
            counts.forEach((kind, n) -> badInput.record(kind, n, "User " + first.get(kind)));
        }
    }
}
