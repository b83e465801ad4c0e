package perpwatch.local.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import perpwatch.local.sim.binance.BinanceWire;

/**
 * Replays a recorded Binance aggTrade capture in a loop at its recorded pace. Each pass shifts times to "now" and
 * continues the trade ids, so a consumer sees one increasing, current tape; every other byte (prices, quantities,
 * maker flags, field order) is the recording's. The symbol is relabelled to the simulated instrument: the capture
 * is SUSHIUSDT (prices near 7.6), replayed as if it were {@code symbol}.
 */
public final class ReplayAggTradeTape implements Tape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PAUSE_BETWEEN_PASSES_MS = 1_000;

    private final String symbol;
    private final String stream;
    private final List<ObjectNode> recorded;
    private final long firstTime;
    private final long firstAggId;
    private final long firstTradeId;
    private final long span;
    private final long aggIdSpan;
    private final long tradeIdSpan;
    private int index;
    private int pass;
    private long passStart;

    public ReplayAggTradeTape(String symbol, List<String> capturedLines, long startMs) {
        this.symbol = symbol;
        this.stream = BinanceWire.streamName(symbol);
        this.recorded = new ArrayList<>();
        for (String line : capturedLines) {
            try {
                JsonNode node = JSON.readTree(line);
                JsonNode data = node.has("data") ? node.get("data") : node;
                if ("aggTrade".equals(data.path("e").asText())) {
                    recorded.add((ObjectNode) data);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable capture line: " + line, e);
            }
        }
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException("the capture has no aggTrade events");
        }
        ObjectNode first = recorded.get(0);
        ObjectNode last = recorded.get(recorded.size() - 1);
        this.firstTime = first.get("T").asLong();
        this.firstAggId = first.get("a").asLong();
        this.firstTradeId = first.get("f").asLong();
        this.span = last.get("T").asLong() - firstTime + PAUSE_BETWEEN_PASSES_MS;
        this.aggIdSpan = last.get("a").asLong() - firstAggId + 1;
        this.tradeIdSpan = last.get("l").asLong() - firstTradeId + 1;
        this.passStart = startMs;
    }

    public int size() {
        return recorded.size();
    }

    @Override
    public TapeFrame next() {
        if (index == recorded.size()) {
            index = 0;
            pass++;
            passStart += span;
        }
        ObjectNode event = recorded.get(index++).deepCopy();
        long shift = passStart - firstTime;
        long tradeTime = event.get("T").asLong() + shift;
        event.put("E", event.get("E").asLong() + shift);
        event.put("T", tradeTime);
        event.put("s", symbol);
        event.put("a", event.get("a").asLong() + pass * aggIdSpan);
        event.put("f", event.get("f").asLong() + pass * tradeIdSpan);
        event.put("l", event.get("l").asLong() + pass * tradeIdSpan);
        return new TapeFrame(stream, tradeTime, event.toString());
    }
}
