package perpwatch.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import perpwatch.core.config.Env;
import perpwatch.core.fuzz.FrameMutator;
import perpwatch.core.instrument.Venue;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.onchain.DriftLayout;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.solana.AccountSink;
import perpwatch.feeds.solana.RpcFilter;
import perpwatch.feeds.solana.SolanaRpcClient;
import perpwatch.feeds.solana.SolanaRpcConfig;
import perpwatch.feeds.solana.SolanaRpcException;
import perpwatch.feeds.velocity.DlobBook;
import perpwatch.feeds.velocity.DlobBookCheck;
import perpwatch.feeds.velocity.DlobL2Answer;
import perpwatch.feeds.velocity.FundingRatesAnswer;
import perpwatch.feeds.velocity.MarketOracleReader;
import perpwatch.feeds.velocity.Outcome;
import perpwatch.feeds.velocity.Rejection;
import perpwatch.local.LocalCloud;
import perpwatch.local.helius.GeneratedDriftTransactions;
import perpwatch.local.market.synthetic.SyntheticMarket;
import perpwatch.local.sim.Simulators;
import perpwatch.local.sim.binance.BinanceWire;
import perpwatch.local.sim.bybit.BybitWire;
import perpwatch.local.sim.okx.OkxWire;
import perpwatch.local.sim.solana.DriftPopulation;
import perpwatch.local.sim.solana.SolanaRpcSimulator;
import perpwatch.local.sim.solana.VelocityPopulation;
import perpwatch.local.sim.velocity.VelocityDataApiSimulator;
import perpwatch.local.sim.velocity.VelocityDlobSimulator;
import perpwatch.local.sim.velocity.VelocityVenueModel;
import perpwatch.local.sim.velocity.VelocityWire;

/**
 * Scenario 5: mutants of well-formed messages (cut, bytes lost or flipped, values spliced: {@link FrameMutator})
 * over the real connections: venue frames through the simulators' sockets into the running feeds, webhook bodies
 * to the API, Solana RPC answers to the RPC client. Nothing may crash or escape as an unhandled exception; every
 * rejection is counted; the feeds go on writing good data after.
 */
final class BadInputScenario implements Scenario {
    static final int VENUE_FRAMES = 10_000;
    static final int WEBHOOK_BODIES = 3_000;
    static final int RPC_ANSWERS = 1_000;
    static final int VELOCITY_ANSWERS = 1_000;

    private final ObjectMapper json = new ObjectMapper();
    private String afterVenueFrames = "";

    @Override
    public String title() {
        return "5. Bad input";
    }

    @Override
    public Result run(HarnessContext ctx) throws Exception {
        StringBuilder md = new StringBuilder(
                "Mutants from a seeded mutator (seed 42): each keeps most of a well-formed message, so it gets "
                        + "past the first checks and into the parsers.\n\n| input | sent | refused and counted | "
                        + "other outcomes | unhandled |\n|---|---|---|---|---|\n");
        boolean passed = venueFrames(ctx, md);
        passed &= webhookBodies(ctx, md);
        passed &= rpcAnswers(md);
        passed &= velocityAnswers(md);
        passed &= velocityOracleReads(md);
        md.append('\n')
                .append(afterVenueFrames)
                .append('\n')
                .append(
                        passed
                                ? "Held: no crash, no unhandled exception, every refusal counted, the feeds still "
                                        + "live after."
                                : "Did not hold: see the table.")
                .append('\n');
        return new Result(title(), passed, md.toString());
    }

    private boolean venueFrames(HarnessContext ctx, StringBuilder md) throws Exception {
        Simulators sims = ctx.cloud().simulators();
        String symbol = ctx.instrument().symbol(Venue.BINANCE);
        long now = System.currentTimeMillis();
        BigDecimal price = new BigDecimal("150.12");
        List<String> binance = List.of(
                BinanceWire.aggTrade(symbol, 1, price, new BigDecimal("1.5"), 1, 2, now, now + 1, true),
                BinanceWire.forceOrder(symbol, "SELL", new BigDecimal("3.2"), price, price, now, now + 3));
        List<String> binanceStreams = List.of(BinanceWire.streamName(symbol), BinanceWire.FORCE_ORDER_ALL);
        String okxTrade = "{\"arg\":{\"channel\":\"trades\",\"instId\":\""
                + ctx.instrument().symbol(Venue.OKX_USDC) + "\"},\"data\":["
                + OkxWire.tradeRow(ctx.instrument().symbol(Venue.OKX_USDC), 1, price, new BigDecimal("2"), "buy", now)
                + "]}";
        String okxLiq = "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":["
                + OkxWire.liquidationRow(
                        ctx.instrument().symbol(Venue.OKX_USDT), "sell", new BigDecimal("4"), price, now)
                + "]}";
        String bybitLiq = BybitWire.allLiquidation(
                ctx.instrument().symbol(Venue.BYBIT), "Buy", new BigDecimal("5"), price, now, now + 1);
        // The stored document pushed on the channel velocity-market subscribes to, as the DLOB server forwards it.
        String velocityBook =
                VelocityWire.push("orderbook_perp_" + VelocityDlobSimulator.MARKET_INDEX + "_grouped_1", (ObjectNode)
                        json.readTree(get(sims.velocity().dlob().restBase() + VelocityDlobSimulator.L2 + "?marketName="
                                + VelocityDlobSimulator.MARKET + "&depth=20")));
        Map<String, Long> before = ctx.counters();
        FrameMutator mutator = new FrameMutator(42);
        for (int i = 0; i < VENUE_FRAMES; i++) {
            if (i % 6 == 5) {
                sims.velocity().dlob().sendRawToAll(mutator.mutate(velocityBook));
                continue;
            }
            switch (i % 5) {
                case 0, 1 -> sims.binance().publish(binanceStreams.get(i % 2), mutator.mutate(binance.get(i % 2)));
                case 2 -> sims.okx().sendRawToAll(mutator.mutate(okxTrade));
                case 3 -> sims.okx().sendRawToAll(mutator.mutate(okxLiq));
                default -> sims.bybit().sendRawToAll(mutator.mutate(bybitLiq));
            }
            if (i % 200 == 0) {
                HarnessContext.sleep(20);
            }
        }
        HarnessContext.sleep(3_000);
        // The feeds must still be live: fresh price and liquidations after the storm of garbage.
        ctx.market().load(500);
        long check = System.currentTimeMillis();
        HarnessContext.sleep(5_000);
        ctx.market().load(0);
        Map<String, Long> after = ctx.counters();
        long malformed = sum(before, after, "malformed");
        long refused = sum(before, after, "refused")
                + sum(before, after, "errors")
                + sum(before, after, "other_symbol")
                + sum(before, after, "unknown");
        long listenerErrors = sum(before, after, "listener_errors") + sum(before, after, "poll_bugs");
        boolean freshPrice = ctx.entries(StreamKeys.price(ctx.instrument()), check, Long.MAX_VALUE)
                        .size()
                >= 3;
        boolean freshLiq =
                !ctx.entries(ctx.liquidations(), check, Long.MAX_VALUE).isEmpty();
        md.append(String.format(
                "| venue frames (Binance aggTrade and forceOrder, OKX trades and liquidation-orders, Bybit "
                        + "allLiquidation, Velocity DLOB book pushes) | %,d "
                        + "| %,d malformed | %,d other refusals (venue error, wrong symbol, unknown channel); the "
                        + "rest parsed as valid data | %d |%n",
                VENUE_FRAMES, malformed, refused, listenerErrors));
        afterVenueFrames = String.format(
                "After the venue mutants: price written %s, liquidations written %s. OKX frames reach two tasks "
                        + "(liquidations and trades), each counts on its own.%n",
                freshPrice ? "again" : "**not**", freshLiq ? "again" : "**not**");
        return listenerErrors == 0 && malformed > 0 && freshPrice && freshLiq;
    }

    private static long sum(Map<String, Long> before, Map<String, Long> after, String suffix) {
        long total = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().endsWith(suffix)) {
                total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return total;
    }

    private boolean webhookBodies(HarnessContext ctx, StringBuilder md) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String auth = LocalCloud.heliusAuth(Env.system());
        URI webhook = URI.create(ctx.cloud().apiUrl() + "/api/webhooks/helius");
        long malformedBefore = webhookCounter(http, ctx, "malformed_bodies");
        FrameMutator mutator = new FrameMutator(43);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < WEBHOOK_BODIES; i++) {
            String body = mutator.mutate(GeneratedDriftTransactions.batch(1, System.currentTimeMillis()));
            String secret = i % 100 == 99 ? "Bearer wrong" : auth;
            byte[] bytes = i % 500 == 499 ? new byte[2 * 1024 * 1024] : body.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(webhook)
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", secret)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
        }
        long malformed = webhookCounter(http, ctx, "malformed_bodies") - malformedBefore;
        long serverErrors = statuses.entrySet().stream()
                .filter(e -> e.getKey() >= 500)
                .mapToLong(Map.Entry::getValue)
                .sum();
        int badBody = statuses.getOrDefault(400, 0);
        md.append(String.format(
                "| Helius webhook deliveries (1 %% wrong secret, 0.2 %% of 2 MiB) | %,d | %,d `bad_body` (counter: "
                        + "%,d) | statuses %s | %d server errors |%n",
                WEBHOOK_BODIES, badBody, malformed, statuses, serverErrors));
        return serverErrors == 0 && malformed == badBody;
    }

    private long webhookCounter(HttpClient http, HarnessContext ctx, String name) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(ctx.cloud().apiUrl() + "/api/internal/webhooks/helius/counters"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode counters = json.readTree(r.body());
        return counters.path(name).asLong();
    }

    private boolean rpcAnswers(StringBuilder md) throws Exception {
        long refused = 0;
        long decodedOrSkipped = 0;
        long unhandled = 0;
        try (SolanaRpcSimulator rpc = SolanaRpcSimulator.start(new DriftPopulation(50, 7, 150_000_000L))) {
            SolanaRpcClient client = new SolanaRpcClient(
                    new SolanaRpcConfig(URI.create(rpc.url()), Duration.ofSeconds(5), 1, Duration.ofMillis(1)));
            FrameMutator mutator = new FrameMutator(44);
            AccountSink sink = new AccountSink() {
                @Override
                public void restart() {}

                @Override
                public void accept(String pubkey, byte[] data) {}
            };
            for (int i = 0; i < RPC_ANSWERS; i++) {
                rpc.mutateNext(1, mutator::mutate);
                try {
                    if (i % 2 == 0) {
                        client.getProgramAccounts(
                                DriftLayout.PROGRAM_ID,
                                List.of(
                                        RpcFilter.memcmp(0, DriftLayout.USER_DISCRIMINATOR),
                                        RpcFilter.dataSize(DriftLayout.User.SIZE)),
                                DriftLayout.User.SIZE,
                                sink);
                    } else {
                        client.getMultipleAccounts(
                                List.of(rpc.population().perpMarkets().get(0).oracle()));
                    }
                    decodedOrSkipped++;
                } catch (SolanaRpcException e) {
                    refused++;
                } catch (RuntimeException e) {
                    unhandled++;
                    if (unhandled <= 3) {
                        md.append("<!-- unhandled: ").append(e).append(" -->\n");
                    }
                }
            }
        }
        md.append(String.format(
                "| Solana RPC answers (getProgramAccounts streamed, getMultipleAccounts) | %,d | %,d "
                        + "`SolanaRpcException` "
                        + "| %,d read (mutation left it valid, or only some accounts unreadable, which the scan "
                        + "counts) | %d |%n",
                RPC_ANSWERS, refused, decodedOrSkipped, unhandled));
        return unhandled == 0;
    }

    /**
     * Velocity's HTTP answers (the DLOB L2 and the data API's fundingRates), mutated and read by the task's own parsers
     * and book check: every mutant is accepted or refused with a typed {@link Rejection}, never an exception.
     */
    private boolean velocityAnswers(StringBuilder md) throws Exception {
        OutcomeTally tally = new OutcomeTally(md);
        long now = System.currentTimeMillis();
        SyntheticMarket market = new SyntheticMarket(150, 45, now);
        VelocityVenueModel model = new VelocityVenueModel(now, 318_000_000L);
        try (VelocityDlobSimulator dlob = VelocityDlobSimulator.start(
                        market::state, model, Duration.ofSeconds(1), Duration.ofSeconds(5));
                VelocityDataApiSimulator data = VelocityDataApiSimulator.start(market::state, model, 24)) {
            String l2 = get(dlob.restBase() + VelocityDlobSimulator.L2 + "?marketName=" + VelocityDlobSimulator.MARKET
                    + "&depth=20&includeVamm=true");
            String funding = get(data.restBase() + VelocityDataApiSimulator.FUNDING_RATES + "?marketName="
                    + VelocityDlobSimulator.MARKET);
            FrameMutator mutator = new FrameMutator(45);
            DlobL2Answer l2Answer = new DlobL2Answer();
            FundingRatesAnswer fundingAnswer = new FundingRatesAnswer();
            for (int i = 0; i < VELOCITY_ANSWERS; i++) {
                boolean book = i % 2 == 0;
                tally.read(() -> {
                    if (book) {
                        Outcome<DlobBook> parsed = l2Answer.parse(200, mutator.mutate(l2));
                        return parsed instanceof Outcome.Accepted<DlobBook> a
                                ? new DlobBookCheck(10).accept(a.value(), now)
                                : parsed;
                    }
                    return fundingAnswer.parse(200, mutator.mutate(funding), VelocityDlobSimulator.MARKET, now);
                });
            }
        }
        return tally.row(
                "Velocity HTTP answers (DLOB L2 with its book check, data-API fundingRates)",
                VELOCITY_ANSWERS,
                "mutation left it valid");
    }

    /**
     * Velocity's oracle as the velocity-market task reads it ({@link MarketOracleReader}: the PerpMarket, its
     * PythLazerOracle account, {@code getSlot}), half the reads with a mutated node answer and half with the oracle
     * account's bytes corrupted: each read is a reading or a typed {@link Rejection}, never an exception.
     */
    private boolean velocityOracleReads(StringBuilder md) throws Exception {
        OutcomeTally tally = new OutcomeTally(md);
        try (SolanaRpcSimulator rpc = SolanaRpcSimulator.start(new VelocityPopulation(50, 7, 150_000_000L))) {
            SolanaRpcClient client = new SolanaRpcClient(
                    new SolanaRpcConfig(URI.create(rpc.url()), Duration.ofSeconds(5), 1, Duration.ofMillis(1)));
            MarketOracleReader reader =
                    new MarketOracleReader(client, ProgramProfile.VELOCITY, 0, "SOL-PERP", System::currentTimeMillis);
            String oracle = ((VelocityPopulation) rpc.population()).solOracle();
            FrameMutator mutator = new FrameMutator(46);
            Random flips = new Random(46);
            for (int i = 0; i < VELOCITY_ANSWERS; i++) {
                if (i % 2 == 0) {
                    rpc.alterAccounts((pubkey, data) -> data);
                    rpc.mutateNext(1, mutator::mutate);
                } else {
                    int at = flips.nextInt(48);
                    byte value = (byte) flips.nextInt(256);
                    rpc.alterAccounts((pubkey, data) -> {
                        if (!pubkey.equals(oracle)) {
                            return data;
                        }
                        byte[] copy = data.clone();
                        copy[at] = value;
                        return copy;
                    });
                }
                tally.read(reader::read);
            }
        }
        return tally.row(
                "Velocity oracle reads (mutated node answers, corrupted PythLazerOracle bytes)",
                VELOCITY_ANSWERS,
                "mutation left it valid, or a byte the price does not use");
    }

    /**
     * Counts what the Velocity inputs made of their mutants: a value, a typed {@link Rejection}, or an exception that
     * escaped (the first three are written into the report as comments), and writes the table row.
     */
    private static final class OutcomeTally {
        private final StringBuilder md;
        private final Map<Rejection, Integer> refused = new TreeMap<>();
        private long accepted;
        private long unhandled;

        OutcomeTally(StringBuilder md) {
            this.md = md;
        }

        void read(Supplier<Outcome<?>> input) {
            try {
                if (input.get() instanceof Outcome.Rejected<?> r) {
                    refused.merge(r.reason(), 1, Integer::sum);
                } else {
                    accepted++;
                }
            } catch (RuntimeException e) {
                unhandled++;
                if (unhandled <= 3) {
                    md.append("<!-- unhandled: ").append(e).append(" -->\n");
                }
            }
        }

        /** Held when nothing escaped and the mutants were refused at least once (so the parsers were reached). */
        boolean row(String input, int sent, String whyRead) {
            long refusedTotal =
                    refused.values().stream().mapToLong(Integer::longValue).sum();
            md.append(String.format(
                    "| %s | %,d | %,d typed rejections %s | %,d read (%s) | %d |%n",
                    input, sent, refusedTotal, refused, accepted, whyRead, unhandled));
            return unhandled == 0 && refusedTotal > 0;
        }
    }

    private static String get(String url) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
