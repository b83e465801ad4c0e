package perpwatch.local.market.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A Binance-style order book kept around the synthetic mid: each {@link #update} re-centres the levels, changes a
 * few sizes, and returns the diff as a {@code depthUpdate} event whose {@code U}/{@code u}/{@code pu} chain follows
 * the USD-M rules; {@link #snapshot} is the {@code /fapi/v1/depth} body at the current update id. Books are thick
 * in calm markets and thin, with a wider spread, in cascades.
 */
public final class SyntheticBook {
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final int LEVELS = 200;

    private final String symbol;
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private long updateId = 5_000_000_000L;

    public SyntheticBook(String symbol) {
        this.symbol = symbol;
    }

    /** Moves the book to {@code state} and returns the diff event, or null when nothing changed. */
    public synchronized String update(MarketState state, SyntheticMarket random, long eventTime) {
        boolean thin = state.cascading();
        int halfSpreadTicks = thin ? 10 + (int) (random.uniform() * 6) : 1;
        BigDecimal mid = BigDecimal.valueOf(state.mid()).setScale(2, RoundingMode.HALF_UP);
        BigDecimal bestBid = mid.subtract(TICK.multiply(BigDecimal.valueOf(halfSpreadTicks)));
        BigDecimal bestAsk = mid.add(TICK.multiply(BigDecimal.valueOf(halfSpreadTicks)));

        Map<BigDecimal, BigDecimal> bidChanges = new TreeMap<>(Comparator.reverseOrder());
        Map<BigDecimal, BigDecimal> askChanges = new TreeMap<>();
        reshape(bids, bestBid, TICK.negate(), thin, random, bidChanges);
        reshape(asks, bestAsk, TICK, thin, random, askChanges);
        if (bidChanges.isEmpty() && askChanges.isEmpty()) {
            return null;
        }
        long previous = updateId;
        long first = updateId + 1;
        updateId += 1 + (long) (random.uniform() * 20);
        return "{\"e\":\"depthUpdate\",\"E\":" + eventTime + ",\"T\":" + (eventTime - 2) + ",\"s\":\"" + symbol + "\",\"U\":" + first
                + ",\"u\":" + updateId + ",\"pu\":" + previous + ",\"b\":" + levels(bidChanges) + ",\"a\":" + levels(askChanges) + "}";
    }

    /** The REST snapshot body ({@code limit} levels per side) at the current update id. */
    public synchronized String snapshot(int limit, long now) {
        return "{\"lastUpdateId\":" + updateId + ",\"E\":" + now + ",\"T\":" + (now - 2) + ",\"bids\":" + levels(first(bids, limit))
                + ",\"asks\":" + levels(first(asks, limit)) + "}";
    }

    private static void reshape(NavigableMap<BigDecimal, BigDecimal> side, BigDecimal best, BigDecimal step, boolean thin,
                                SyntheticMarket random, Map<BigDecimal, BigDecimal> changes) {
        List<BigDecimal> wanted = new ArrayList<>(LEVELS);
        for (int i = 0; i < LEVELS; i++) {
            wanted.add(best.add(step.multiply(BigDecimal.valueOf(i))));
        }
        for (BigDecimal price : new ArrayList<>(side.keySet())) {
            if (!wanted.contains(price)) {
                side.remove(price);
                changes.put(price, BigDecimal.ZERO);
            }
        }
        for (BigDecimal price : wanted) {
            BigDecimal current = side.get(price);
            if (current == null || random.uniform() < 0.05 || (thin && current.doubleValue() > 40)) {
                double size = thin ? 2 + random.uniform() * 15 : 60 + random.uniform() * 300;
                BigDecimal qty = BigDecimal.valueOf(size).setScale(1, RoundingMode.HALF_UP);
                side.put(price, qty);
                changes.put(price, qty);
            }
        }
    }

    private static Map<BigDecimal, BigDecimal> first(NavigableMap<BigDecimal, BigDecimal> side, int limit) {
        Map<BigDecimal, BigDecimal> out = new TreeMap<>(side.comparator());
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            if (out.size() == limit) {
                break;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String levels(Map<BigDecimal, BigDecimal> levels) {
        StringBuilder out = new StringBuilder("[");
        levels.forEach((price, qty) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("[\"").append(price.setScale(2, RoundingMode.UNNECESSARY).toPlainString()).append("\",\"")
                    .append(qty.signum() == 0 ? "0" : qty.toPlainString()).append("\"]");
        });
        return out.append(']').toString();
    }
}
