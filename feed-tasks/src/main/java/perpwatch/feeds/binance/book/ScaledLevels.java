package perpwatch.feeds.binance.book;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@code [price, qty]} levels of one side of a diff, as {@link OrderBook#SCALE}-decimal units in one flat array:
 * what the book stores, read once by the parser, so applying a diff converts nothing and a diff is two small arrays
 * instead of a list of objects holding two {@link BigDecimal}s each. A level that cannot be held exactly (more
 * decimals than the scale, or beyond the book's bounds) is not dropped: the whole side is marked
 * {@linkplain #unrepresentable() unrepresentable}, and the book refuses the diff before changing anything. Only the
 * parser (same package) adds levels; everyone else reads.
 */
public final class ScaledLevels {
    private long[] units;
    private int size;
    private String unrepresentable;

    ScaledLevels(int expectedLevels) {
        this.units = new long[2 * Math.max(expectedLevels, 1)];
    }

    /** The levels of a list, converted exactly; one that does not fit marks the result unrepresentable. */
    public static ScaledLevels of(List<PriceLevel> levels) {
        // A new instance even when empty: instances are filled in place by this package, so none is shared.
        ScaledLevels out = new ScaledLevels(levels.size());
        for (PriceLevel level : levels) {
            try {
                out.add(
                        FixedPoint.toUnits(level.price(), OrderBook.SCALE, OrderBook.MAX_PRICE_UNITS),
                        FixedPoint.toUnits(level.qty(), OrderBook.SCALE, OrderBook.MAX_QTY_UNITS));
            } catch (FixedPoint.UnrepresentableLevelException e) {
                out.refuse(e.getMessage());
            }
        }
        return out;
    }

    void add(long priceUnits, long qtyUnits) {
        if (2 * size == units.length) {
            units = Arrays.copyOf(units, 2 * units.length);
        }
        units[2 * size] = priceUnits;
        units[2 * size + 1] = qtyUnits;
        size++;
    }

    /** Keeps the first reason: it names the level that broke the diff. */
    void refuse(String why) {
        if (unrepresentable == null) {
            unrepresentable = why;
        }
    }

    public int size() {
        return size;
    }

    public long priceUnits(int i) {
        return units[2 * i];
    }

    public long qtyUnits(int i) {
        return units[2 * i + 1];
    }

    /** Why a level of this side cannot be held exactly, or null when every level can. */
    public String unrepresentable() {
        return unrepresentable;
    }

    /** The levels as decimals ({@link OrderBook#SCALE} decimals), for tests, tools and peers; not for the hot path. */
    public List<PriceLevel> toPriceLevels() {
        List<PriceLevel> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new PriceLevel(
                    FixedPoint.toDecimal(priceUnits(i), OrderBook.SCALE),
                    FixedPoint.toDecimal(qtyUnits(i), OrderBook.SCALE)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ScaledLevels other)) {
            return false;
        }
        return size == other.size
                && Arrays.equals(units, 0, 2 * size, other.units, 0, 2 * size)
                && Objects.equals(unrepresentable, other.unrepresentable);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < 2 * size; i++) {
            h = 31 * h + Long.hashCode(units[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        return (unrepresentable == null ? "" : "unrepresentable (" + unrepresentable + ") ") + toPriceLevels();
    }
}
