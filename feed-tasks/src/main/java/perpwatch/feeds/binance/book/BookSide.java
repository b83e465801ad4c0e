package perpwatch.feeds.binance.book;

import java.util.Arrays;

/**
 * One side of the book as two parallel primitive arrays sorted so that the best level is the last element. Bids are
 * keyed by price and asks by −price, so one ascending order serves both. Almost every diff touches levels near the
 * top, and with the top at the tail an insert or delete there moves only a few elements; lookups are a binary search.
 * No boxing, no per-level objects: 1,000 levels are two 8 KB arrays.
 */
final class BookSide {
    private static final int INITIAL_CAPACITY = 1024;

    private final boolean bids;
    private final int maxLevels;
    private long[] keys;
    private long[] qtys;
    private int size;
    private long trimmed;

    BookSide(boolean bids, int maxLevels) {
        this.bids = bids;
        this.maxLevels = maxLevels;
        this.keys = new long[Math.min(INITIAL_CAPACITY, maxLevels)];
        this.qtys = new long[keys.length];
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** Levels dropped because the side was full; always the furthest from the top. */
    long trimmed() {
        return trimmed;
    }

    /** Sets the absolute quantity at {@code price} (both in units); zero removes the level, absent or not. */
    void set(long price, long qty) {
        long key = bids ? price : -price;
        int i = Arrays.binarySearch(keys, 0, size, key);
        if (i >= 0) {
            if (qty == 0) {
                System.arraycopy(keys, i + 1, keys, i, size - i - 1);
                System.arraycopy(qtys, i + 1, qtys, i, size - i - 1);
                size--;
            } else {
                qtys[i] = qty;
            }
        } else if (qty != 0) {
            insert(-i - 1, key, qty);
        }
    }

    private void insert(int at, long key, long qty) {
        if (size == keys.length && !grow()) {
            // Full: the level furthest from the top gives way, unless the new one is further still. Those levels
            // are far outside anything we publish, and Binance's own snapshot stops at 1,000 anyway.
            trimmed++;
            if (at == 0) {
                return;
            }
            System.arraycopy(keys, 1, keys, 0, at - 1);
            System.arraycopy(qtys, 1, qtys, 0, at - 1);
            keys[at - 1] = key;
            qtys[at - 1] = qty;
            return;
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(qtys, at, qtys, at + 1, size - at);
        keys[at] = key;
        qtys[at] = qty;
        size++;
    }

    private boolean grow() {
        if (keys.length >= maxLevels) {
            return false;
        }
        int capacity = Math.min(maxLevels, keys.length * 2);
        keys = Arrays.copyOf(keys, capacity);
        qtys = Arrays.copyOf(qtys, capacity);
        return true;
    }

    /** Price (units) of the {@code n}-th best level, 0 = best. */
    long price(int n) {
        long key = keys[size - 1 - n];
        return bids ? key : -key;
    }

    long qty(int n) {
        return qtys[size - 1 - n];
    }

    /**
     * Σ price·qty over the levels from the best down to {@code edgePrice} inclusive (bids: prices ≥ edge; asks:
     * prices ≤ edge), as an unsigned 128-bit {@code {hi, lo}} in {@code out}. In key order both are "key ≥ edge key",
     * so one loop from the tail serves both sides; every product of two non-negative longs is exact in 128 bits.
     */
    void notionalFrom(long edgePrice, long[] out) {
        long edgeKey = bids ? edgePrice : -edgePrice;
        long sign = bids ? 1 : -1;
        long hi = 0;
        long lo = 0;
        for (int i = size - 1; i >= 0; i--) {
            long key = keys[i];
            if (key < edgeKey) {
                break;
            }
            long p = sign * key;
            long q = qtys[i];
            long product = p * q;
            lo += product;
            hi += Math.multiplyHigh(p, q) + (Long.compareUnsigned(lo, product) < 0 ? 1 : 0);
        }
        out[0] = hi;
        out[1] = lo;
    }

    /** Bytes held by the arrays (capacity, not size), for memory accounting. */
    long arrayBytes() {
        return 2L * (16 + 8L * keys.length);
    }
}
