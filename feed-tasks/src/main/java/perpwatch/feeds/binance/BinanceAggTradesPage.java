package perpwatch.feeds.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import perpwatch.core.model.Trade;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * A {@code GET /fapi/v1/aggTrades} answer: {@code [{"a":26129,"p":"0.01633102","q":"4.70443515","f":27781,
 * "l":27781,"T":1498793709153,"m":true}, …]}, oldest first. {@code m=true} means the buyer was the maker, so the taker
 * sold, as on the stream.
 */
final class BinanceAggTradesPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BinanceAggTradesPage() {}

    static List<Trade> parse(String body, long recvMs) throws MalformedFrameException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new MalformedFrameException("aggTrades body is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new MalformedFrameException("aggTrades body is not an array");
        }
        List<Trade> trades = new ArrayList<>(root.size());
        for (JsonNode t : root) {
            if (!t.path("a").canConvertToLong()
                    || !t.path("T").canConvertToLong()
                    || !t.path("p").isTextual()
                    || !t.path("q").isTextual()
                    || !t.path("m").isBoolean()) {
                throw new MalformedFrameException("aggTrades row lacks a, p, q, T or m: " + t);
            }
            BigDecimal price = new BigDecimal(t.get("p").asText());
            BigDecimal quantity = new BigDecimal(t.get("q").asText());
            if (price.signum() <= 0 || quantity.signum() <= 0) {
                throw new MalformedFrameException("aggTrades row with non-positive price or quantity: " + t);
            }
            trades.add(new Trade(
                    t.get("a").asLong(),
                    price,
                    quantity,
                    t.get("m").asBoolean(),
                    t.get("T").asLong(),
                    recvMs));
        }
        return trades;
    }
}
