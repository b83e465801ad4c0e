package perpwatch.feeds.okx;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import perpwatch.feeds.parse.JsonFrames;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Reads OKX v5 public frames. OKX writes every value as a string, ids and timestamps included; a row missing a
 * field or carrying a non-number makes the whole frame malformed rather than half-read.
 */
public final class OkxFrameParser {

    public OkxFrame parse(String text) throws MalformedFrameException {
        // Keepalive replies are bare text, not JSON.
        if (text.equals("pong")) {
            return new OkxFrame.Pong();
        }
        JsonNode root = JsonFrames.object(text);
        String event = root.path("event").asText(null);
        if (event != null) {
            switch (event) {
                case "error":
                    return new OkxFrame.VenueError(root.path("code").asText(""), root.path("msg").asText(""));
                case "subscribe":
                case "unsubscribe":
                    return new OkxFrame.Ack(event, root.path("arg").path("channel").asText(""));
                default:
                    return new OkxFrame.OtherEvent(event);
            }
        }
        String channel = root.path("arg").path("channel").asText("");
        JsonNode data = root.path("data");
        if (!data.isArray()) {
            throw new MalformedFrameException("push without a data array");
        }
        if (channel.equals("trades")) {
            List<OkxFrame.Trade> trades = new ArrayList<>(data.size());
            for (JsonNode row : data) {
                trades.add(new OkxFrame.Trade(text(row, "instId"), integer(row, "tradeId"), decimal(row, "px"), decimal(row, "sz"),
                        side(row), integer(row, "ts")));
            }
            return new OkxFrame.Trades(trades);
        }
        if (channel.equals("liquidation-orders")) {
            List<OkxFrame.Liquidation> liquidations = new ArrayList<>();
            for (JsonNode row : data) {
                String instId = text(row, "instId");
                for (JsonNode d : row.path("details")) {
                    liquidations.add(new OkxFrame.Liquidation(instId, side(d), d.path("posSide").asText(""), decimal(d, "bkPx"),
                            decimal(d, "sz"), integer(d, "ts")));
                }
            }
            return new OkxFrame.Liquidations(liquidations);
        }
        throw new MalformedFrameException("push on an unexpected channel '" + channel + "'");
    }

    private static String side(JsonNode node) throws MalformedFrameException {
        String side = text(node, "side");
        if (!side.equals("buy") && !side.equals("sell")) {
            throw new MalformedFrameException("side must be buy or sell, not '" + side + "'");
        }
        return side;
    }

    private static String text(JsonNode node, String field) throws MalformedFrameException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MalformedFrameException("missing or non-string '" + field + "'");
        }
        return value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) throws MalformedFrameException {
        String value = text(node, field);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException("'" + field + "' is not a decimal: '" + value + "'");
        }
    }

    private static long integer(JsonNode node, String field) throws MalformedFrameException {
        String value = text(node, field);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException("'" + field + "' is not an integer: '" + value + "'");
        }
    }
}
