package perpwatch.feeds.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
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
import perpwatch.feeds.metrics.LinkCounter;
import perpwatch.feeds.parse.JsonFields;
import perpwatch.feeds.parse.JsonFrames;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.ws.Keepalive;

/**
 * Bybit v5 {@code allLiquidation.<symbol>}. Unlike Binance and OKX, {@code S} is the POSITION's side: {@code Buy}
 * means a long was liquidated. {@code v} is in the base coin for linear contracts, {@code p} the bankruptcy price;
 * one push may carry several liquidations.
 */
public final class BybitLiquidationSource extends LiquidationSource {
    private static final Logger LOG = LoggerFactory.getLogger(BybitLiquidationSource.class);
    private final String topic;

    public BybitLiquidationSource(Instrument instrument, BybitEndpoints endpoints) {
        // Bybit recommends a JSON ping every 20 s and cuts silent connections after about 10 minutes.
        super(
                "bybit",
                endpoints.publicWs(),
                Keepalive.textFrame(Duration.ofSeconds(20), "{\"op\":\"ping\"}"),
                "{\"op\":\"subscribe\",\"args\":[\"" + topic(instrument) + "\"]}");
        this.topic = topic(instrument);
    }

    /**
     * Bybit answers each request with {@code {"success":…,"ret_msg":…,"op":…}}: {@code op:"subscribe"} with
     * {@code success:true} is the ack, with {@code success:false} the refusal (a message, no code); the pong is
     * {@code op:"ping"} (or {@code "pong"} on some endpoints) with {@code ret_msg:"pong"}.
     */
    @Override
    public LiquidationFrame read(String text, long recvMs, FeedCounters counters) throws MalformedFrameException {
        JsonNode root = JsonFrames.object(text);
        if (root.has("op")) {
            String op = root.path("op").asText();
            boolean success = root.path("success").asBoolean(false);
            if ("pong".equals(root.path("ret_msg").asText()) || "pong".equals(op)) {
                counters.increment(LinkCounter.PONGS);
            } else if (op.equals("subscribe")) {
                return success
                        ? new LiquidationFrame.Subscribed()
                        : new LiquidationFrame.Refused(
                                new Refusal("", root.path("ret_msg").asText()));
            } else if (!success) {
                counters.increment(FrameCounter.VENUE_ERRORS);
                LOG.warn("[bybit] {} refused: {}", op, root.path("ret_msg").asText());
            }
            return new LiquidationFrame.Control();
        }
        if (!topic.equals(root.path("topic").asText())) {
            throw new MalformedFrameException(
                    "unexpected topic '" + root.path("topic").asText() + "'");
        }
        JsonNode data = root.path("data");
        if (!data.isArray()) {
            throw new MalformedFrameException("data is not an array");
        }
        List<Liquidation> out = new ArrayList<>(data.size());
        for (JsonNode row : data) {
            // The POSITION's side: Buy means a long was liquidated.
            PositionSide side = positionSide(row.path("S").asText(""), "Buy", "Sell", "S");
            BigDecimal size = JsonFields.positiveDecimal(row, "v");
            BigDecimal price = JsonFields.positiveDecimal(row, "p");
            long time = JsonFields.integer(row, "T");
            out.add(new Liquidation(
                    venue(), row.path("s").asText(), side, price, size, price.multiply(size), time, recvMs));
        }
        return new LiquidationFrame.Push(out);
    }

    private static String topic(Instrument instrument) {
        return "allLiquidation." + instrument.symbol(Venue.BYBIT);
    }
}
