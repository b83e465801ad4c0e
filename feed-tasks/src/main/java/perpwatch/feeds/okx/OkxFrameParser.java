package perpwatch.feeds.okx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import perpwatch.feeds.parse.JsonFields;
import perpwatch.feeds.parse.JsonFrames;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Reads OKX v5 public frames. OKX writes every value as a string, ids and timestamps included. A frame that is not
 * a frame (not JSON, no data array, an unknown channel) is malformed as a whole; within a push each row is checked on
 * its own: a row missing a field or carrying a non-number is returned as a {@link OkxFrame.BadRow}, never half-read,
 * and the good rows beside it are kept (one push carries several instruments; OKX's SWAP-wide
 * {@code liquidation-orders} carries every one of them).
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
                    return new OkxFrame.VenueError(
                            root.path("code").asText(""), root.path("msg").asText(""));
                case "subscribe":
                case "unsubscribe":
                    return new OkxFrame.Ack(
                            event, root.path("arg").path("channel").asText(""));
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
            List<OkxFrame.BadRow> bad = new ArrayList<>(0);
            for (JsonNode row : data) {
                try {
                    trades.add(new OkxFrame.Trade(
                            JsonFields.text(row, "instId"),
                            JsonFields.integerText(row, "tradeId"),
                            JsonFields.decimal(row, "px"),
                            JsonFields.decimal(row, "sz"),
                            side(row),
                            JsonFields.integerText(row, "ts")));
                } catch (MalformedFrameException e) {
                    bad.add(new OkxFrame.BadRow(row.path("instId").asText(""), e.getMessage()));
                }
            }
            return new OkxFrame.Trades(trades, bad);
        }
        if (channel.equals("liquidation-orders")) {
            List<OkxFrame.Liquidation> liquidations = new ArrayList<>();
            List<OkxFrame.BadRow> bad = new ArrayList<>(0);
            for (JsonNode row : data) {
                String instId;
                try {
                    instId = JsonFields.text(row, "instId");
                } catch (MalformedFrameException e) {
                    // Without its instrument no detail of the row can be attributed: the row is one bad row.
                    bad.add(new OkxFrame.BadRow("", e.getMessage()));
                    continue;
                }
                if (!row.path("details").isArray()) {
                    bad.add(new OkxFrame.BadRow(instId, "details is not an array"));
                    continue;
                }
                for (JsonNode d : row.path("details")) {
                    try {
                        liquidations.add(new OkxFrame.Liquidation(
                                instId,
                                side(d),
                                d.path("posSide").asText(""),
                                JsonFields.decimal(d, "bkPx"),
                                JsonFields.decimal(d, "sz"),
                                JsonFields.integerText(d, "ts")));
                    } catch (MalformedFrameException e) {
                        bad.add(new OkxFrame.BadRow(instId, e.getMessage()));
                    }
                }
            }
            return new OkxFrame.Liquidations(liquidations, bad);
        }
        throw new MalformedFrameException("push on an unexpected channel '" + channel + "'");
    }

    private static String side(JsonNode node) throws MalformedFrameException {
        String side = JsonFields.text(node, "side");
        if (!side.equals("buy") && !side.equals("sell")) {
            throw new MalformedFrameException("side must be buy or sell, not '" + side + "'");
        }
        return side;
    }
}
