package perpwatch.local.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import perpwatch.local.sim.binance.BinanceWire;
import perpwatch.local.sim.binance.SimOrderBook;

/**
 * Replays a recorded Binance diff-depth capture (REST snapshot + {@code depthUpdate} frames, as in
 * {@code depth_sync_timeline_*.jsonl}) in a loop at its recorded pace. The simulator's book starts from the
 * recorded snapshot and applies every replayed diff, so the snapshot it serves always matches the stream; update ids
 * continue across passes so the {@code pu} chain never breaks. Levels and sizes are the recording's; the symbol is
 * relabelled.
 */
public final class ReplayDepthTape implements Tape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PAUSE_BETWEEN_PASSES_MS = 1_000;

    /** One recorded diff: its level changes, how many update ids it spans, and when it was received. */
    private record Diff(
            Map<BigDecimal, BigDecimal> bids, Map<BigDecimal, BigDecimal> asks, long updates, long recvMs) {}

    private final String stream;
    private final SimOrderBook book;
    private final List<Diff> diffs = new ArrayList<>();
    private final long span;
    private int index;
    private long passStart;

    public ReplayDepthTape(String symbol, List<String> timeline, long startMs) {
        this.stream = BinanceWire.depthStreamName(symbol);
        JsonNode snapshot = null;
        try {
            for (String line : timeline) {
                JsonNode row = JSON.readTree(line);
                JsonNode raw = JSON.readTree(row.get("raw").asText());
                long recvMs = (long) (row.get("recv_ts").asDouble() * 1000);
                if ("rest".equals(row.get("kind").asText())) {
                    snapshot = raw;
                } else if (snapshot != null) {
                    JsonNode event = raw.has("data") ? raw.get("data") : raw;
                    if (event.get("u").asLong() >= snapshot.get("lastUpdateId").asLong()) {
                        diffs.add(new Diff(
                                levels(event.get("b"), true),
                                levels(event.get("a"), false),
                                event.get("u").asLong() - event.get("U").asLong() + 1,
                                recvMs));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable depth timeline", e);
        }
        if (snapshot == null || diffs.isEmpty()) {
            throw new IllegalArgumentException("the timeline needs a REST snapshot followed by diffs");
        }
        this.book = new SimOrderBook(symbol, snapshot.get("lastUpdateId").asLong());
        book.seed(levels(snapshot.get("bids"), true), levels(snapshot.get("asks"), false));
        this.span = diffs.get(diffs.size() - 1).recvMs() - diffs.get(0).recvMs() + PAUSE_BETWEEN_PASSES_MS;
        this.passStart = startMs;
    }

    /** The book the simulator serves as its REST snapshot. */
    public SimOrderBook book() {
        return book;
    }

    @Override
    public TapeFrame next() {
        if (index == diffs.size()) {
            index = 0;
            passStart += span;
        }
        Diff diff = diffs.get(index++);
        long sendAt = passStart + diff.recvMs() - diffs.get(0).recvMs();
        return new TapeFrame(stream, sendAt, book.apply(diff.bids(), diff.asks(), diff.updates(), sendAt));
    }

    private static Map<BigDecimal, BigDecimal> levels(JsonNode array, boolean bids) {
        Comparator<BigDecimal> order = bids ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Map<BigDecimal, BigDecimal> out = new TreeMap<>(order);
        for (JsonNode level : array) {
            out.put(
                    new BigDecimal(level.get(0).asText()),
                    new BigDecimal(level.get(1).asText()));
        }
        return out;
    }
}
