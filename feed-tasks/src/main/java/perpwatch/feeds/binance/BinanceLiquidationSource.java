package perpwatch.feeds.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.PositionSide;
import perpwatch.feeds.liquidations.LiquidationFrame;
import perpwatch.feeds.liquidations.LiquidationSource;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.FrameCounter;
import perpwatch.feeds.parse.JsonFields;
import perpwatch.feeds.parse.JsonFrames;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.ws.Keepalive;

/**
 * Binance {@code !forceOrder@arr}, filtered to the instrument. The stream is subscribed by a {@code SUBSCRIBE}
 * message rather than named in the URL: liquidations can be silent for minutes, and only the venue's
 * {@code {"result":null,"id":1}} tells a subscribed quiet socket from a refused one
 * ({@code {"code":2,"msg":…,"id":1}}). {@code o.S} is the liquidation ORDER's side: a {@code SELL} closes a long.
 * Quantity is the filled {@code z} (the order's {@code q} when nothing is reported filled), price the average fill
 * {@code ap} (the order price {@code p} when there is none). Binance pushes at most
 * one liquidation per symbol per second, so this stream undercounts; it is what the venue offers.
 */
public final class BinanceLiquidationSource extends LiquidationSource {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceLiquidationSource.class);
    static final String STREAM = "!forceOrder@arr";
    /** Our only request on a connection, so an answer with this id is the answer to the subscription. */
    static final long SUBSCRIBE_ID = 1;

    static final String SUBSCRIBE =
            "{\"method\":\"SUBSCRIBE\",\"params\":[\"" + STREAM + "\"],\"id\":" + SUBSCRIBE_ID + "}";
    private final Instrument instrument;

    public BinanceLiquidationSource(Instrument instrument, BinanceEndpoints endpoints) {
        // Binance pings us; our own protocol pings only keep quiet links (no liquidations for minutes) from looking
        // dead.
        super("binance", endpoints.marketWs(), Keepalive.protocolPing(Duration.ofSeconds(20)), SUBSCRIBE);
        this.instrument = instrument;
    }

    @Override
    public LiquidationFrame read(String text, long recvMs, FeedCounters counters) throws MalformedFrameException {
        JsonNode root = JsonFrames.object(text);
        JsonNode payload = root.has("data") && root.has("stream") ? root.get("data") : root;
        boolean answersSubscribe =
                payload.path("id").canConvertToLong() && payload.path("id").asLong() == SUBSCRIBE_ID;
        if (payload.has("code") && payload.has("msg")) {
            if (answersSubscribe) {
                return new LiquidationFrame.Refused(new Refusal(
                        payload.get("code").asText(), payload.get("msg").asText()));
            }
            counters.increment(FrameCounter.VENUE_ERRORS);
            LOG.warn(
                    "[binance] venue error {}: {}",
                    payload.get("code").asText(),
                    payload.get("msg").asText());
            return new LiquidationFrame.Control();
        }
        if (payload.has("result") && payload.has("id")) {
            // {"result":null,"id":1}: SUBSCRIBE succeeded. Any other reply (another id) is not ours to act on.
            return answersSubscribe && payload.get("result").isNull()
                    ? new LiquidationFrame.Subscribed()
                    : new LiquidationFrame.Control();
        }
        if (!"forceOrder".equals(payload.path("e").asText())) {
            throw new MalformedFrameException("not a forceOrder event");
        }
        JsonNode o = payload.path("o");
        String symbol = o.path("s").asText("");
        if (!instrument.symbol(Venue.BINANCE).equals(symbol)) {
            counters.increment(FrameCounter.OTHER_SYMBOL);
            return new LiquidationFrame.Push(List.of());
        }
        // The liquidation ORDER's side: a SELL closes a long.
        PositionSide side = positionSide(o.path("S").asText(""), "SELL", "BUY", "o.S");
        BigDecimal quantity = firstPositive(o, "z", "q");
        BigDecimal price = firstPositive(o, "ap", "p");
        long time = JsonFields.integer(o, "T");
        return new LiquidationFrame.Push(List.of(
                new Liquidation(venue(), symbol, side, price, quantity, price.multiply(quantity), time, recvMs)));
    }

    /** Binance reports {@code "z":"0"} when nothing is reported filled: then the order's own figure stands. */
    private static BigDecimal firstPositive(JsonNode o, String preferred, String fallback)
            throws MalformedFrameException {
        for (String field : List.of(preferred, fallback)) {
            if (!o.path(field).asText("").isEmpty()) {
                BigDecimal value = JsonFields.decimal(o, field);
                if (value.signum() > 0) {
                    return value;
                }
            }
        }
        throw new MalformedFrameException("neither o." + preferred + " nor o." + fallback + " is a positive decimal");
    }
}
