package perpwatch.functions.market;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.PositionSide;
import perpwatch.core.stream.MalformedRecordException;

/**
 * The liquidations whose stream ids (Redis's write time) fall in one closed hour, compacted: per 5-minute slot of
 * venue time × {@link FinePriceGrid} bucket × side, the count, Σ quantity and Σ notional; and the ids of the entries
 * that could not be read, so a heatmap still counts them in its warnings.
 *
 * <p>Keyed by write hour, not venue hour: ids only grow, so once Redis's clock has left an hour no entry can join it
 * and the aggregate is final, even for a backlog flushed hours after its events (those carry old venue times and
 * land in their own slots). Slots are 5 minutes because every heatmap time bin is {@code hours} × 5 minutes,
 * aligned to its width from the epoch: a slot never straddles a time bin, so time binning is exact.
 */
record LiqHourAggregate(long hourStart, List<Group> groups, List<Long> unreadableIds) {
    static final long SLOT_MS = 5 * 60_000L;
    private static final String VERSION = "v1";

    /** One cell of the compaction. */
    record Group(long slotStart, int priceBucket, PositionSide side, int count, BigDecimal size, BigDecimal notional) {}

    /** Accumulates the entries of one hour in the order read. */
    static final class Builder {
        private record Key(long slotStart, int priceBucket, PositionSide side) {}

        private final long hourStart;
        private final Map<Key, Group> groups = new LinkedHashMap<>();
        private final List<Long> unreadableIds = new ArrayList<>();

        Builder(long hourStart) {
            this.hourStart = hourStart;
        }

        void add(Liquidation l) {
            Key key = new Key(Math.floorDiv(l.ts(), SLOT_MS) * SLOT_MS, FinePriceGrid.bucket(l.price()), l.side());
            groups.merge(
                    key,
                    new Group(key.slotStart(), key.priceBucket(), l.side(), 1, l.quantity(), l.notionalUsd()),
                    (a, b) -> new Group(
                            a.slotStart(),
                            a.priceBucket(),
                            a.side(),
                            a.count() + 1,
                            a.size().add(b.size()),
                            a.notional().add(b.notional())));
        }

        void unreadable(long idMs) {
            unreadableIds.add(idMs);
        }

        LiqHourAggregate build() {
            return new LiqHourAggregate(hourStart, List.copyOf(groups.values()), List.copyOf(unreadableIds));
        }
    }

    /** One line per group or unreadable id, after a version line: compact, and readable with redis-cli. */
    String encode() {
        StringBuilder out =
                new StringBuilder(VERSION).append(' ').append(hourStart).append('\n');
        for (long id : unreadableIds) {
            out.append("u ").append(id).append('\n');
        }
        for (Group g : groups) {
            out.append("g ")
                    .append(g.slotStart())
                    .append(' ')
                    .append(g.priceBucket())
                    .append(' ')
                    .append(g.side().wire())
                    .append(' ')
                    .append(g.count())
                    .append(' ')
                    .append(g.size().toPlainString())
                    .append(' ')
                    .append(g.notional().toPlainString())
                    .append('\n');
        }
        return out.toString();
    }

    /** @throws MalformedRecordException when {@code text} is not an aggregate of {@code hourStart} */
    static LiqHourAggregate decode(long hourStart, String text) {
        String[] lines = text.split("\n");
        if (!(VERSION + " " + hourStart).equals(lines[0])) {
            throw new MalformedRecordException("not a " + VERSION + " aggregate of hour " + hourStart);
        }
        List<Group> groups = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        try {
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(" ");
                if (f.length == 2 && f[0].equals("u")) {
                    unreadable.add(Long.parseLong(f[1]));
                } else if (f.length == 7 && f[0].equals("g")) {
                    groups.add(new Group(
                            Long.parseLong(f[1]),
                            Integer.parseInt(f[2]),
                            PositionSide.fromWire(f[3]),
                            Integer.parseInt(f[4]),
                            new BigDecimal(f[5]),
                            new BigDecimal(f[6])));
                } else {
                    throw new MalformedRecordException("aggregate line " + i + " is neither u nor g: " + lines[i]);
                }
            }
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("aggregate of hour " + hourStart + ": " + e.getMessage());
        }
        return new LiqHourAggregate(hourStart, groups, unreadable);
    }
}
