package perpwatch.local.sim.velocity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import perpwatch.local.market.synthetic.MarketState;
import perpwatch.local.sim.solana.SlotClock;

/**
 * Velocity's view of the synthetic market: a slot clock (400 ms slots), the Lazer oracle (the market's mid, or frozen
 * while {@link #stallOracle} is on), the venue's mark (the mid moved by a drift that grows while
 * {@link #driftMark} is on) and a four-source book around that mark. The book mixes the sources as the real
 * publisher does (CLOB with vAMM, prop-AMM quotes alone, legacy DLOB orders, vAMM rungs), thinner in a cascade, so
 * what the depth counts is visible. Thread-safe: the publisher thread and the HTTP threads read it.
 */
public final class VelocityVenueModel {
    private static final long TICK = 100; // 0.0001 USDT at PRICE_PRECISION
    private static final int LEVELS = 12;
    /** Pyth's SOL confidence is typically one to a few bps of the price: 2 bps (0.02 %). */
    private static final long CONF_DIVISOR = 5_000;

    private final SlotClock clock;
    /** Which time the current slot is read at: the market's own (stepped by hand), or the clock's. */
    private final ToLongFunction<MarketState> timeOf;

    private boolean oracleStalled;
    private VelocityWire.Oracle frozenOracle;
    private double markDriftBpsPerSecond;
    private double markOffsetBps;
    private long lastDriftMs;

    /**
     * Slots follow the market's own time: {@code startSlot} at {@code startMs}, one more per 400 ms of the market's
     * {@code ts}. For a market stepped by hand, where slots should advance with the steps and not the wall clock.
     */
    public VelocityVenueModel(long startMs, long startSlot) {
        // The clock only maps times to slots here: "now" is always the market's ts, never the clock's own time.
        this(new SlotClock(() -> startMs, startMs, startSlot), MarketState::ts, startMs);
    }

    /**
     * Slots are {@code clock}'s: the one the Solana node answers {@code getSlot} from, so the DLOB's slot, the oracle's
     * posted slot and the node's slot are on one clock whatever the market's time says.
     */
    public VelocityVenueModel(SlotClock clock) {
        this(clock, now -> clock.nowMs(), clock.nowMs());
    }

    private VelocityVenueModel(SlotClock clock, ToLongFunction<MarketState> timeOf, long startMs) {
        this.clock = clock;
        this.timeOf = timeOf;
        this.lastDriftMs = startMs;
    }

    /** The slot at venue time {@code ts} (earlier than the start too: the data API's seeded history). */
    public long slotAt(long ts) {
        return clock.slotAt(ts);
    }

    /** The venue's current slot, with the market at {@code now}. */
    public long slot(MarketState now) {
        return clock.slotAt(timeOf.applyAsLong(now));
    }

    /** When {@code slot} began: an oracle posted at that slot was published then. */
    public long millisAt(long slot) {
        return clock.millisAt(slot);
    }

    /** Freezes the oracle at its current reading (price and posted slot) until turned off. */
    public synchronized void stallOracle(boolean stalled, MarketState now) {
        frozenOracle = stalled ? liveOracle(now) : null;
        oracleStalled = stalled;
    }

    /** While non-zero, the mark moves away from the oracle by this many bps per second; 0 snaps it back. */
    public synchronized void driftMark(double bpsPerSecond) {
        markDriftBpsPerSecond = bpsPerSecond;
        if (bpsPerSecond == 0) {
            markOffsetBps = 0;
        }
    }

    public synchronized boolean oracleStalled() {
        return oracleStalled;
    }

    /** The mark's drift in bps per second; 0 when the mark sits on the mid. */
    public synchronized double markDrift() {
        return markDriftBpsPerSecond;
    }

    public synchronized VelocityWire.Oracle oracle(MarketState now) {
        return oracleStalled ? frozenOracle : liveOracle(now);
    }

    /** The venue's mark in 1e6 units: the synthetic mid plus the drift accumulated up to the venue's time. */
    public synchronized long mark(MarketState now) {
        long t = timeOf.applyAsLong(now);
        if (t > lastDriftMs) {
            markOffsetBps += markDriftBpsPerSecond * (t - lastDriftMs) / 1000.0;
            lastDriftMs = t;
        }
        return Math.round(now.mid() * (1 + markOffsetBps / 10_000) * 1e6);
    }

    /** Bids (best first) around {@code mark}. */
    public List<VelocityWire.Level> bids(long mark, MarketState now) {
        return side(mark, now, true);
    }

    public List<VelocityWire.Level> asks(long mark, MarketState now) {
        return side(mark, now, false);
    }

    private List<VelocityWire.Level> side(long mark, MarketState now, boolean bid) {
        List<VelocityWire.Level> levels = new ArrayList<>(LEVELS);
        long lot = now.cascading() ? 2_000_000_000L : 6_000_000_000L; // 2 or 6 SOL, step-size multiples
        for (int i = 0; i < LEVELS; i++) {
            double bps = 1.5 + i;
            double raw = mark * (bid ? 1 - bps / 10_000 : 1 + bps / 10_000);
            long price = bid ? (long) Math.floor(raw / TICK) * TICK : (long) Math.ceil(raw / TICK) * TICK;
            Map<String, Long> sources = new LinkedHashMap<>();
            long size = lot * (i + 1);
            switch (i % 4) {
                case 0 -> {
                    sources.put("clob", size / 2);
                    sources.put("vamm", size - size / 2);
                }
                case 1 -> sources.put("propamm", 4 * size);
                case 2 -> {
                    sources.put("dlob", lot);
                    sources.put("vamm", size);
                }
                default -> sources.put("vamm", size);
            }
            levels.add(new VelocityWire.Level(price, sources));
        }
        return levels;
    }

    private VelocityWire.Oracle liveOracle(MarketState now) {
        long price = Math.round(now.mid() * 1e6);
        // Lazer posts every slot or two.
        return new VelocityWire.Oracle(price, slot(now) - 1, Math.max(1, price / CONF_DIVISOR));
    }
}
