package perpwatch.functions.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.PositionSide;

/**
 * The binning arithmetic of the liquidation heatmap: {@code priceBins} equal bins over ± {@code bandFraction} of the
 * reference price, {@code timeBins} equal bins ending at the first bin boundary at or after now (boundaries aligned
 * to the bin width, so a chart refreshed every second does not shift its columns).
 */
final class HeatmapGrid {
    static final int PRICE_SCALE = 6;

    private final BigDecimal low;
    private final BigDecimal width;
    private final int priceBins;
    private final long timeStart;
    private final long timeWidth;
    private final int timeBins;
    private final Accumulator[][] cells;
    private int clippedBelow;
    private int clippedAbove;

    private static final class Accumulator {
        int count;
        int longs;
        int clipped;
        BigDecimal size = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
    }

    HeatmapGrid(
            BigDecimal reference, BigDecimal bandFraction, int priceBins, long nowMs, long timeWidthMs, int timeBins) {
        this.low = reference.subtract(reference.multiply(bandFraction));
        BigDecimal high = reference.add(reference.multiply(bandFraction));
        this.width = high.subtract(low).divide(BigDecimal.valueOf(priceBins), 18, RoundingMode.HALF_EVEN);
        this.priceBins = priceBins;
        long end = Math.floorDiv(nowMs + timeWidthMs - 1, timeWidthMs) * timeWidthMs;
        this.timeWidth = timeWidthMs;
        this.timeBins = timeBins;
        this.timeStart = end - timeWidthMs * timeBins;
        this.cells = new Accumulator[priceBins][timeBins];
    }

    long timeStart() {
        return timeStart;
    }

    long timeEnd() {
        return timeStart + timeWidth * timeBins;
    }

    /** False when the event is outside the time range (it is then ignored). */
    boolean add(Liquidation l) {
        return add(l.ts(), l.price(), l.side(), 1, l.quantity(), l.notionalUsd());
    }

    /**
     * {@code count} events at one price, time and side, with their summed size and notional (an hourly aggregate's
     * group, or one event). False when {@code ts} is outside the time range (they are then ignored).
     */
    boolean add(long ts, BigDecimal price, PositionSide side, int count, BigDecimal size, BigDecimal notional) {
        if (ts < timeStart || ts >= timeEnd()) {
            return false;
        }
        int t = (int) ((ts - timeStart) / timeWidth);
        int p = price.subtract(low).divide(width, 0, RoundingMode.FLOOR).intValue();
        boolean clipped = false;
        if (p < 0) {
            p = 0;
            clipped = true;
            clippedBelow += count;
        } else if (p >= priceBins) {
            p = priceBins - 1;
            clipped = true;
            clippedAbove += count;
        }
        Accumulator cell = cells[p][t];
        if (cell == null) {
            cell = new Accumulator();
            cells[p][t] = cell;
        }
        cell.count += count;
        cell.size = cell.size.add(size);
        cell.notional = cell.notional.add(notional);
        if (side == PositionSide.LONG) {
            cell.longs += count;
        }
        if (clipped) {
            cell.clipped += count;
        }
        return true;
    }

    long timeWidth() {
        return timeWidth;
    }

    List<LiqHeatmap.PriceBin> priceBins() {
        List<LiqHeatmap.PriceBin> bins = new ArrayList<>(priceBins);
        for (int i = 0; i < priceBins; i++) {
            BigDecimal from = low.add(width.multiply(BigDecimal.valueOf(i)));
            bins.add(new LiqHeatmap.PriceBin(i, round(from), round(from.add(width))));
        }
        return bins;
    }

    List<LiqHeatmap.TimeBin> timeBins() {
        List<LiqHeatmap.TimeBin> bins = new ArrayList<>(timeBins);
        for (int i = 0; i < timeBins; i++) {
            bins.add(new LiqHeatmap.TimeBin(i, timeStart + i * timeWidth, timeStart + (i + 1) * timeWidth));
        }
        return bins;
    }

    /** Non-empty cells, by time bin then price bin. */
    List<LiqHeatmap.HeatCell> cells() {
        List<LiqHeatmap.HeatCell> out = new ArrayList<>();
        for (int t = 0; t < timeBins; t++) {
            for (int p = 0; p < priceBins; p++) {
                Accumulator a = cells[p][t];
                if (a != null) {
                    out.add(new LiqHeatmap.HeatCell(
                            p,
                            t,
                            a.count,
                            a.size.stripTrailingZeros(),
                            a.notional.stripTrailingZeros(),
                            a.longs,
                            a.clipped));
                }
            }
        }
        return out;
    }

    int clippedBelow() {
        return clippedBelow;
    }

    int clippedAbove() {
        return clippedAbove;
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(PRICE_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
