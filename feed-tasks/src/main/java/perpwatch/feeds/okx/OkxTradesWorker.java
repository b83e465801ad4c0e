package perpwatch.feeds.okx;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.LastTrade;
import perpwatch.core.model.LastTradeCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.subscription.SubscribedLinks;
import perpwatch.feeds.subscription.SubscriptionTracker;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.throttle.LatestValueThrottle;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.Keepalive;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.ReconnectingWebSocket;
import perpwatch.feeds.ws.WebSocketListener;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * {@code okx-usdc}: OKX {@code trades} of the USDC and the USDT swap, the last trade of each second of each, on
 * {@code market:<sym>usdc:trades} and {@code market:<sym>usdt:okx_trades}. The pair gives the USDT/USDC basis on one
 * venue; the USDC side against Binance gives it across venues. Sizes are converted from contracts to SOL.
 */
public final class OkxTradesWorker implements FeedTask, WebSocketListener, SubscribedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(OkxTradesWorker.class);
    private static final long INTERVAL_MS = 1_000;
    private static final long TICK_MS = 200;
    private static final Duration SPEC_REFRESH = Duration.ofHours(1);

    /** One swap: its stream and its once-a-second throttle. */
    private record Channel(StreamKey key, LatestValueThrottle<LastTrade> throttle) {}

    private final String name;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final OkxContractSpecs specs;
    private final BufferedStreamWriter writer;
    private final LongSupplier clock;
    private final OkxFrameParser parser = new OkxFrameParser();
    private final FeedCounters counters = new FeedCounters();
    private final ReconnectingWebSocket socket;
    private final ScheduledExecutorService ticker;
    /**
     * OKX acks each argument separately; the link is subscribed once every argument is acked (or trades flow). An
     * error while any is pending refuses the whole link: half a subscription would hide the other swap's silence.
     */
    private final SubscriptionTracker subscription = new SubscriptionTracker();

    private final AtomicInteger acksThisConnection = new AtomicInteger();
    private Thread starter;
    private long lastSpecRefresh;

    public OkxTradesWorker(
            Instrument instrument,
            URI publicWs,
            ReconnectPolicy policy,
            OkxContractSpecs specs,
            BufferedStreamWriter writer,
            LongSupplier clock) {
        this.name = "okx-usdc:" + instrument.canonical();
        // Only the swaps the instrument lists: a channel for an absent one would wait forever for its ack.
        instrument
                .listing(Venue.OKX_USDC)
                .ifPresent(usdc -> channels.put(
                        usdc.symbol(),
                        new Channel(StreamKeys.usdcTrades(instrument), new LatestValueThrottle<>(INTERVAL_MS))));
        instrument
                .listing(Venue.OKX_USDT)
                .ifPresent(usdt -> channels.put(
                        usdt.symbol(),
                        new Channel(StreamKeys.okxUsdtTrades(instrument), new LatestValueThrottle<>(INTERVAL_MS))));
        this.specs = specs;
        this.writer = writer;
        this.clock = clock;
        // OKX closes a connection after 30 s without traffic; the USDC swap can be that quiet.
        this.socket = new ReconnectingWebSocket(
                name, publicWs, policy.withKeepalive(Keepalive.textFrame(Duration.ofSeconds(20), "ping")), this);
        this.ticker = DaemonThreads.singleScheduler(name + "-tick");
    }

    @Override
    public List<WatchedLink> links() {
        return List.of(new WatchedLink(new FeedLink("okx-usdc", "okx"), subscription, socket::lastHeardAt));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        starter = new Thread(
                () -> {
                    if (specs.loadAll(name, Backoff.standard())) {
                        lastSpecRefresh = clock.getAsLong();
                        ticker.scheduleWithFixedDelay(this::tickSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
                        socket.start();
                    }
                },
                name + "-start");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    public void onOpen(WebSocketSession session) {
        counters.increment("connects");
        subscription.reset();
        acksThisConnection.set(0);
        StringBuilder args = new StringBuilder();
        for (String instId : channels.keySet()) {
            args.append(args.length() == 0 ? "" : ",")
                    .append("{\"channel\":\"trades\",\"instId\":\"")
                    .append(instId)
                    .append("\"}");
        }
        session.sendText("{\"op\":\"subscribe\",\"args\":[" + args + "]}");
    }

    @Override
    public void onText(String text, long recvMs) {
        counters.increment("frames");
        OkxFrame frame;
        try {
            frame = parser.parse(text);
        } catch (MalformedFrameException e) {
            counters.increment("malformed");
            long n = counters.get("malformed");
            if (LogSampler.shouldLog(n)) {
                LOG.warn(
                        "[{}] skipped malformed frame #{} ({}): {}",
                        name,
                        n,
                        e.getMessage(),
                        text.length() <= 200 ? text : text.substring(0, 200) + "…");
            }
            return;
        }
        if (frame instanceof OkxFrame.VenueError error) {
            Refusal refusal = new Refusal(error.code(), error.message());
            if (subscription.refuse(refusal)) {
                counters.increment("subscribe_refused");
                LOG.error(
                        "[{}] venue REFUSED the subscription ({}); not live until a new connection is acknowledged;"
                                + " dropping this connection to subscribe again after backoff",
                        name,
                        refusal);
                socket.reconnect("subscription refused (" + refusal + ")");
            } else {
                counters.increment("venue_errors");
                LOG.warn("[{}] venue error {}: {}", name, error.code(), error.message());
            }
        } else if (frame instanceof OkxFrame.Pong) {
            counters.increment("pongs");
        } else if (frame instanceof OkxFrame.Ack ack) {
            counters.increment("acks");
            if (ack.event().equals("subscribe")
                    && acksThisConnection.incrementAndGet() == channels.size()
                    && subscription.acknowledge()) {
                LOG.info("[{}] subscription acknowledged", name);
            }
        } else if (frame instanceof OkxFrame.Trades trades) {
            if (subscription.acknowledge()) {
                LOG.info("[{}] subscribed (first trades push)", name);
            }
            onTrades(trades, recvMs);
        } else if (frame instanceof OkxFrame.Liquidations) {
            counters.increment("unexpected_channel");
        }
    }

    @Override
    public void onDisconnect(String reason) {
        counters.increment("disconnects");
        // Not subscribed again until the next connection's acks.
        subscription.reset();
    }

    private synchronized void onTrades(OkxFrame.Trades trades, long recvMs) {
        OkxBadRows.report(name, trades.badRows(), counters);
        long now = clock.getAsLong();
        for (OkxFrame.Trade t : trades.trades()) {
            Channel channel = channels.get(t.instId());
            Optional<ContractSpec> spec = specs.get(t.instId());
            if (channel == null || spec.isEmpty()) {
                counters.increment("other_instrument");
                continue;
            }
            counters.increment("trades");
            LastTrade trade =
                    new LastTrade(t.instId(), t.price(), t.side(), spec.get().toBase(t.contracts()), t.ts(), recvMs);
            channel.throttle().offer(trade, now).ifPresent(last -> write(channel, last));
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("[{}] tick failed", name, e);
        }
    }

    synchronized void tick() {
        long now = clock.getAsLong();
        channels.values().forEach(channel -> channel.throttle().poll(now).ifPresent(last -> write(channel, last)));
        writer.flush();
        if (now - lastSpecRefresh >= SPEC_REFRESH.toMillis()) {
            lastSpecRefresh = now;
            CompletableFuture.runAsync(specs::refresh);
            LOG.info("[{}] {} {} redis_backlog={}", name, counters.snapshot(), socket.stats(), writer.backlog());
        }
    }

    private void write(Channel channel, LastTrade trade) {
        counters.increment("published");
        writer.write(channel.key(), LastTradeCodec.INSTANCE.encode(trade));
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>(counters.snapshot());
        writer.describe(all);
        socket.stats().describe(all);
        return all;
    }

    /** Drops the connection (tests, operators); the loop reconnects. */
    public void dropConnection() {
        socket.dropConnection();
    }

    @Override
    public void close() {
        if (starter != null) {
            starter.interrupt();
        }
        socket.close();
        ticker.shutdownNow();
        synchronized (this) {
            writer.close();
        }
    }
}
