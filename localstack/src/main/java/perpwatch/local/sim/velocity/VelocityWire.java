package perpwatch.local.sim.velocity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Velocity's wire shapes as the feed-tasks fixtures record them ({@code feed-tasks/src/test/resources/velocity},
 * SOURCES.md there): the DLOB L2 document with level numbers as decimal strings, its grouped WebSocket form with
 * JSON numbers inside a string {@code data}, the WebSocket's control frames, and the data API's fundingRates records.
 * Only the simulator writes these; the parsers never see this class.
 */
public final class VelocityWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VelocityWire() {}

    /** One level in on-chain units: price at 1e6, per-source sizes at 1e9, best first. */
    public record Level(long price, Map<String, Long> sources) {
        long size() {
            return sources.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The oracle decoration: price and confidence at 1e6, the slot it was posted at. */
    public record Oracle(long price, long slot, long confidence) {}

    /** One settled funding record: {@code fundingRate} quote per base at 1e9, the TWAP at 1e6, ts in unix seconds. */
    public record Settlement(long slot, long ts, long recordId, long fundingRate, long oraclePriceTwap) {}

    /** The L2 document of velocity-v1's book publisher; {@code grouped} writes level numbers as JSON numbers. */
    public static ObjectNode l2(
            String marketName,
            int marketIndex,
            long slot,
            long ts,
            List<Level> bids,
            List<Level> asks,
            Oracle oracle,
            Oracle mmOracle,
            long marketSlot,
            boolean grouped) {
        ObjectNode doc = JSON.createObjectNode();
        doc.set("asks", levels(asks, grouped));
        doc.set("bids", levels(bids, grouped));
        doc.put("marketName", marketName);
        doc.put("marketType", "perp");
        doc.put("marketIndex", marketIndex);
        doc.put("ts", ts);
        doc.put("slot", slot);
        Long bestAsk = asks.isEmpty() ? null : asks.get(0).price();
        Long bestBid = bids.isEmpty() ? null : bids.get(0).price();
        putOptional(doc, "bestAskPrice", bestAsk);
        putOptional(doc, "bestBidPrice", bestBid);
        if (bestAsk != null && bestBid != null) {
            long mark = (bestAsk + bestBid) / 2;
            doc.put("markPrice", Long.toString(mark));
            doc.put("spreadQuote", Long.toString(bestAsk - bestBid));
            doc.put("spreadPct", Long.toString((bestAsk - bestBid) * 1_000_000 / mark));
        } else {
            // An empty side: the publisher falls back to the numeric oracle price for the mark.
            doc.put("markPrice", oracle.price());
            doc.putNull("spreadQuote");
            doc.putNull("spreadPct");
        }
        doc.put("oracle", oracle.price());
        doc.set("oracleData", oracle(oracle));
        doc.set("mmOracleData", oracle(mmOracle));
        doc.put("marketSlot", marketSlot);
        return doc;
    }

    /** {@code {"channel":…,"data":"<document>"}}: the server forwards the publisher's message as a string. */
    public static String push(String channel, ObjectNode document) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("channel", channel);
        frame.put("data", document.toString());
        return frame.toString();
    }

    public static String heartbeat() {
        return "{\"channel\":\"heartbeat\"}";
    }

    public static String subscribeAck(String channel, String market, String marketType) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put(
                "message",
                "Subscribe received for channel: " + channel + ", market: " + market + ", marketType: " + marketType);
        return frame.toString();
    }

    public static String subscribeError(String channel) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("channel", channel);
        frame.put("error", "Error subscribing to channel");
        return frame.toString();
    }

    /** {@code {"fundingRates":[…]}}, oldest first, Drift's record fields. */
    public static String fundingRates(int marketIndex, List<Settlement> settlements) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode records = answer.putArray("fundingRates");
        for (Settlement s : settlements) {
            ObjectNode r = records.addObject();
            r.put("txSig", "sim" + s.recordId());
            r.put("slot", s.slot());
            r.put("ts", Long.toString(s.ts()));
            r.put("recordId", Long.toString(s.recordId()));
            r.put("marketIndex", marketIndex);
            r.put("fundingRate", Long.toString(s.fundingRate()));
            r.put("cumulativeFundingRateLong", "0");
            r.put("cumulativeFundingRateShort", "0");
            r.put("oraclePriceTwap", Long.toString(s.oraclePriceTwap()));
            r.put("markPriceTwap", Long.toString(s.oraclePriceTwap()));
            r.put("fundingRateLong", Long.toString(s.fundingRate()));
            r.put("fundingRateShort", Long.toString(s.fundingRate()));
            r.put("periodRevenue", "0");
            r.put("baseAssetAmountWithAmm", "0");
            r.put("baseAssetAmountWithUnsettledLp", "0");
        }
        return answer.toString();
    }

    private static ArrayNode levels(List<Level> levels, boolean grouped) {
        ArrayNode array = JSON.createArrayNode();
        for (Level level : levels) {
            ObjectNode l = array.addObject();
            ObjectNode sources = JSON.createObjectNode();
            if (grouped) {
                l.put("price", level.price());
                l.put("size", level.size());
                level.sources().forEach(sources::put);
            } else {
                l.put("price", Long.toString(level.price()));
                l.put("size", Long.toString(level.size()));
                level.sources().forEach((k, v) -> sources.put(k, Long.toString(v)));
            }
            l.set("sources", sources);
        }
        return array;
    }

    private static ObjectNode oracle(Oracle oracle) {
        ObjectNode o = JSON.createObjectNode();
        o.put("price", Long.toString(oracle.price()));
        o.put("slot", Long.toString(oracle.slot()));
        o.put("confidence", Long.toString(oracle.confidence()));
        o.put("hasSufficientNumberOfDataPoints", true);
        return o;
    }

    private static void putOptional(ObjectNode doc, String field, Long value) {
        if (value == null) {
            doc.putNull(field);
        } else {
            doc.put(field, Long.toString(value));
        }
    }
}
