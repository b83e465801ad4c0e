package perpwatch.feeds.okx;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.LastTrade;
import perpwatch.core.model.LastTradeCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.metrics.FrameCounter;
import perpwatch.feeds.metrics.LinkCounter;
import perpwatch.feeds.metrics.TradeCounter;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.task.FeedLoop;
import perpwatch.feeds.task.LinkControl;
import perpwatch.feeds.task.StreamingFeedTask;
import perpwatch.feeds.task.VenueStream;
import perpwatch.feeds.throttle.LatestValueThrottle;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.Keepalive;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * {@code okx-usdc}: OKX {@code trades} of the USDC and the USDT swap, the last trade of each second of each, on
 * {@code market:<sym>usdc:trades} and {@code market:<sym>usdt:okx_trades}. The pair gives the USDT/USDC basis on one
 * venue; the USDC side against Binance gives it across venues. Sizes are converted from contracts to SOL.
 */
public final class OkxTradesWorker extends StreamingFeedTask {
    private static final long INTERVAL_MS = 1_000;
    private static final Duration TICK = Duration.ofMillis(200);
    private static final Duration SPEC_REFRESH = Duration.ofHours(1);

    /** One swap: its stream and its once-a-second throttle. */
    private record Channel(StreamKey key, LatestValueThrottle<LastTrade> throttle) {}

    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final OkxContractSpecs specs;
    private final FeedLoop<OkxFrame> loop;
    private long lastSpecRefresh;

    public OkxTradesWorker(
            Instrument instrument,
            URI publicWs,
            ReconnectPolicy policy,
            OkxContractSpecs specs,
            BufferedStreamWriter writer,
            LongSupplier clock) {
        super("okx-usdc:" + instrument.canonical(), writer, clock, TICK);
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
        // OKX closes a connection after 30 s without traffic; the USDC swap can be that quiet.
        this.loop = connect(
                new FeedLink("okx-usdc", "okx"),
                publicWs,
                policy.withKeepalive(Keepalive.textFrame(Duration.ofSeconds(20), "ping")),
                new SwapTrades());
    }

    /** Contract values first: without them no size can be converted. */
    @Override
    protected boolean prepare() {
        if (!specs.loadAll(name, Backoff.standard())) {
            return false;
        }
        lastSpecRefresh = clock.getAsLong();
        return true;
    }

    /**
     * OKX acks each argument separately; the link is subscribed once every argument is acked (or trades flow). An
     * error while any is pending refuses the whole link: half a subscription would hide the other swap's silence.
     */
    private final class SwapTrades implements VenueStream<OkxFrame> {
        private final OkxFrameParser parser = new OkxFrameParser();
        private final AtomicInteger acksThisConnection = new AtomicInteger();

        @Override
        public void connected() {
            acksThisConnection.set(0);
        }

        @Override
        public void subscribe(WebSocketSession session) {
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
        public OkxFrame parse(String text, long recvMs) throws MalformedFrameException {
            return parser.parse(text);
        }

        @Override
        public void handle(OkxFrame frame, long recvMs, LinkControl link) {
            if (frame instanceof OkxFrame.VenueError error) {
                link.refused(new Refusal(error.code(), error.message()));
            } else if (frame instanceof OkxFrame.Pong) {
                counters.increment(LinkCounter.PONGS);
            } else if (frame instanceof OkxFrame.Ack ack) {
                counters.increment(LinkCounter.ACKS);
                if (ack.event().equals("subscribe") && acksThisConnection.incrementAndGet() == channels.size()) {
                    link.acknowledged("every argument acknowledged");
                }
            } else if (frame instanceof OkxFrame.Trades trades) {
                link.acknowledged("first trades push");
                onTrades(trades, recvMs);
            } else if (frame instanceof OkxFrame.Liquidations) {
                counters.increment(FrameCounter.UNEXPECTED_CHANNEL);
            }
        }
    }

    private synchronized void onTrades(OkxFrame.Trades trades, long recvMs) {
        OkxBadRows.report(name, trades.badRows(), counters);
        long now = clock.getAsLong();
        for (OkxFrame.Trade t : trades.trades()) {
            Channel channel = channels.get(t.instId());
            Optional<ContractSpec> spec = specs.get(t.instId());
            if (channel == null || spec.isEmpty()) {
                counters.increment(FrameCounter.OTHER_INSTRUMENT);
                continue;
            }
            counters.increment(TradeCounter.TRADES);
            LastTrade trade =
                    new LastTrade(t.instId(), t.price(), t.side(), spec.get().toBase(t.contracts()), t.ts(), recvMs);
            channel.throttle().offer(trade, now).ifPresent(last -> write(channel, last));
        }
    }

    @Override
    protected synchronized void onTick(long now) {
        channels.values().forEach(channel -> channel.throttle().poll(now).ifPresent(last -> write(channel, last)));
        if (now - lastSpecRefresh >= SPEC_REFRESH.toMillis()) {
            lastSpecRefresh = now;
            CompletableFuture.runAsync(specs::refresh);
        }
    }

    private void write(Channel channel, LastTrade trade) {
        counters.increment(TradeCounter.PUBLISHED);
        writer.write(channel.key(), LastTradeCodec.INSTANCE.encode(trade));
    }

    /** Drops the connection (tests, operators); the loop reconnects. */
    public void dropConnection() {
        loop.dropConnection();
    }
}
