package perpwatch.local.sim.velocity;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.local.market.synthetic.MarketState;

/**
 * The synthetic Velocity market's faults on a repeating cycle, so the oracle-age and mark–oracle guards move on
 * {@code ./perpwatch local} as the others do: a first oracle stall soon after start (a user sees it within two
 * minutes), then every cycle the oracle stalls long enough for the slot lag to pass 10 slots and reach about 100, and
 * later the mark drifts past the protocol's 1,000 bps band and snaps back. The switches are the venue model's; this
 * only decides when. {@link #tick} reads its clock and applies the phase it is in, so a test drives it with an injected
 * clock and the local cloud with a one-second timer.
 */
public final class VelocityScenario implements AutoCloseable {
    /** {@code on} or {@code off}. */
    public static final String ENV = "PERPWATCH_LOCAL_VELOCITY_SCENARIO";

    private static final Logger LOG = LoggerFactory.getLogger(VelocityScenario.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    /**
     * When each fault runs. Phases are offsets into a cycle that begins {@code first} after start and repeats every
     * {@code cycle}; the drift begins {@code driftAfter} into the cycle.
     */
    public record Schedule(
            Duration first,
            Duration cycle,
            Duration stallFor,
            Duration driftAfter,
            Duration driftFor,
            double driftBpsPerSecond) {
        /**
         * A 90 s first stall, every 10 minutes: 40 s of stall is 100 slots, past the 10-slot budget after 4 s; 60 bps/s
         * for 25 s is 1,500 bps, past the 1,000 bps band after about 17 s. The drift comes 3.5 minutes after the stall,
         * so each guard's flip is seen on its own.
         */
        public static final Schedule DEFAULT = new Schedule(
                Duration.ofSeconds(90),
                Duration.ofMinutes(10),
                Duration.ofSeconds(40),
                Duration.ofSeconds(210),
                Duration.ofSeconds(25),
                60);
    }

    /** Where the cycle is. */
    public enum Phase {
        CALM,
        ORACLE_STALLED,
        MARK_DRIFTING
    }

    private final VelocityVenueModel model;
    private final Supplier<MarketState> market;
    private final Schedule schedule;
    private final LongSupplier millis;
    private final long startMs;
    private Phase phase = Phase.CALM;
    private ScheduledExecutorService timer;

    public VelocityScenario(
            VelocityVenueModel model, Supplier<MarketState> market, Schedule schedule, LongSupplier millis) {
        this.model = model;
        this.market = market;
        this.schedule = schedule;
        this.millis = millis;
        this.startMs = millis.getAsLong();
    }

    /**
     * Whether {@link #ENV} asks for the scenario; {@code byDefault} when it is unset. Anything but {@code on} or
     * {@code off} is refused, so a typo does not silently leave the market calm.
     */
    public static boolean enabled(Env env, boolean byDefault) {
        String value = env.string(ENV, byDefault ? "on" : "off").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(ENV + " must be on or off, not '" + value + "'");
        };
    }

    /** Ticks every second on a daemon thread until closed. */
    public VelocityScenario start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "velocity-scenario");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tickQuietly, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "velocity scenario: first oracle stall in {} s, then every {} min an oracle stall of {} s and a mark"
                        + " drift of {} bps/s for {} s ({}=off to keep the market calm)",
                schedule.first().toSeconds(),
                schedule.cycle().toMinutes(),
                schedule.stallFor().toSeconds(),
                schedule.driftBpsPerSecond(),
                schedule.driftFor().toSeconds(),
                ENV);
        return this;
    }

    /** Applies the phase the clock is in, switching the model only on a change of phase. */
    public synchronized Phase tick() {
        Phase now = phaseAt(millis.getAsLong() - startMs);
        if (now == phase) {
            return phase;
        }
        if (phase == Phase.ORACLE_STALLED) {
            model.stallOracle(false, market.get());
            LOG.info("velocity scenario: oracle posting again");
        } else if (phase == Phase.MARK_DRIFTING) {
            model.driftMark(0);
            LOG.info("velocity scenario: mark snapped back to the oracle");
        }
        if (now == Phase.ORACLE_STALLED) {
            model.stallOracle(true, market.get());
            LOG.info(
                    "velocity scenario: oracle stalled for {} s",
                    schedule.stallFor().toSeconds());
        } else if (now == Phase.MARK_DRIFTING) {
            model.driftMark(schedule.driftBpsPerSecond());
            LOG.info(
                    "velocity scenario: mark drifting {} bps/s for {} s",
                    schedule.driftBpsPerSecond(),
                    schedule.driftFor().toSeconds());
        }
        phase = now;
        return phase;
    }

    public synchronized Phase phase() {
        return phase;
    }

    private Phase phaseAt(long sinceStartMs) {
        long intoCycle = sinceStartMs - schedule.first().toMillis();
        if (intoCycle < 0) {
            return Phase.CALM;
        }
        long offset = intoCycle % schedule.cycle().toMillis();
        if (offset < schedule.stallFor().toMillis()) {
            return Phase.ORACLE_STALLED;
        }
        long driftStart = schedule.driftAfter().toMillis();
        if (offset >= driftStart && offset < driftStart + schedule.driftFor().toMillis()) {
            return Phase.MARK_DRIFTING;
        }
        return Phase.CALM;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("velocity scenario: tick failed", e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
