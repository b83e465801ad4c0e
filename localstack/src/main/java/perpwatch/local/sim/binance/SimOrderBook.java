package perpwatch.local.sim.binance;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The simulator's own copy of a Binance book: every diff it sends is applied here first, so the REST snapshot it
 * serves ({@code lastUpdateId} = the last {@code u} sent) is always consistent with the diff stream, as on the venue.
 */
public final class SimOrderBook {
    private final String symbol;
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private long lastUpdateId;

    public SimOrderBook(String symbol, long lastUpdateId) {
        this.symbol = symbol;
        this.lastUpdateId = lastUpdateId;
    }

    public String symbol() {
        return symbol;
    }

    /** Current levels of one side (live view; callers hold this object's lock while reading). */
    public NavigableMap<BigDecimal, BigDecimal> side(boolean bid) {
        return bid ? bids : asks;
    }

    public synchronized long lastUpdateId() {
        return lastUpdateId;
    }

    /** Loads a snapshot's levels without emitting anything: the book as of {@link #lastUpdateId()}. */
    public synchronized void seed(Map<BigDecimal, BigDecimal> bidLevels, Map<BigDecimal, BigDecimal> askLevels) {
        applySide(bids, bidLevels);
        applySide(asks, askLevels);
    }

    /**
     * Applies absolute level changes (qty 0 removes) as one event covering {@code updates} update ids and returns the
     * {@code depthUpdate} payload: {@code U = last+1}, {@code u = last+updates}, {@code pu = last}.
     */
    public synchronized String apply(
            Map<BigDecimal, BigDecimal> bidChanges,
            Map<BigDecimal, BigDecimal> askChanges,
            long updates,
            long eventTime) {
        applySide(bids, bidChanges);
        applySide(asks, askChanges);
        long previous = lastUpdateId;
        lastUpdateId += Math.max(1, updates);
        return "{\"e\":\"depthUpdate\",\"E\":" + eventTime + ",\"T\":" + (eventTime - 2) + ",\"s\":\"" + symbol
                + "\",\"U\":" + (previous + 1)
                + ",\"u\":" + lastUpdateId + ",\"pu\":" + previous + ",\"b\":" + levels(bidChanges, Integer.MAX_VALUE)
                + ",\"a\":" + levels(askChanges, Integer.MAX_VALUE) + "}";
    }

    /** The {@code GET /fapi/v1/depth} body with at most {@code limit} levels a side. */
    public synchronized String snapshot(int limit, long now) {
        return "{\"lastUpdateId\":" + lastUpdateId + ",\"E\":" + now + ",\"T\":" + (now - 2) + ",\"bids\":"
                + levels(bids, limit) + ",\"asks\":" + levels(asks, limit) + "}";
    }

    private static void applySide(NavigableMap<BigDecimal, BigDecimal> side, Map<BigDecimal, BigDecimal> changes) {
        changes.forEach((price, qty) -> {
            if (qty.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, qty);
            }
        });
    }

    private static String levels(Map<BigDecimal, BigDecimal> levels, int limit) {
        StringBuilder out = new StringBuilder("[");
        int n = 0;
        for (Map.Entry<BigDecimal, BigDecimal> e : levels.entrySet()) {
            if (n++ == limit) {
                break;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("[\"")
                    .append(e.getKey().toPlainString())
                    .append("\",\"")
                    .append(e.getValue().signum() == 0 ? "0" : e.getValue().toPlainString())
                    .append("\"]");
        }
        return out.append(']').toString();
    }
}
