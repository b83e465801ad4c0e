package perpwatch.local.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.local.market.synthetic.SyntheticMarket;
import perpwatch.local.sim.solana.SlotClock;
import perpwatch.local.sim.velocity.VelocityScenario;
import perpwatch.local.sim.velocity.VelocityScenario.Phase;
import perpwatch.local.sim.velocity.VelocityVenueModel;
import perpwatch.local.sim.velocity.VelocityWire;

/** The scenario's cycle, driven by an injected clock: each switch of the venue model at its time, in order. */
class VelocityScenarioTest {
    private static final long START = 1_800_000_000_000L;

    private final AtomicLong clock = new AtomicLong(START);
    private SyntheticMarket market;
    private VelocityVenueModel model;
    private VelocityScenario scenario;

    @BeforeEach
    void setUp() {
        market = new SyntheticMarket(150, 3, START);
        model = new VelocityVenueModel(new SlotClock(clock::get, START, SlotClock.FIRST_SLOT));
        scenario = new VelocityScenario(model, market::state, VelocityScenario.Schedule.DEFAULT, clock::get);
    }

    @Test
    void theOracleStallsFirstThenTheMarkDriftsThenTheCycleRepeats() {
        assertEquals(Phase.CALM, at(0));
        assertEquals(Phase.CALM, at(89));
        assertFalse(model.oracleStalled());

        assertEquals(Phase.ORACLE_STALLED, at(90));
        assertTrue(model.oracleStalled());
        VelocityWire.Oracle frozen = model.oracle(market.state());
        market.step(20_000);
        assertEquals(Phase.ORACLE_STALLED, at(129));
        assertEquals(frozen, model.oracle(market.state()));
        assertEquals(129 - 90, (model.slot(market.state()) - frozen.slot()) * 400 / 1000, "slot lag ~ the stall");

        assertEquals(Phase.CALM, at(130));
        assertFalse(model.oracleStalled());
        assertNotEquals(frozen.slot(), model.oracle(market.state()).slot());
        assertEquals(0, model.markDrift());

        assertEquals(Phase.MARK_DRIFTING, at(300));
        assertEquals(60, model.markDrift());
        assertFalse(model.oracleStalled());
        assertEquals(Phase.MARK_DRIFTING, at(324));

        assertEquals(Phase.CALM, at(325));
        assertEquals(0, model.markDrift());

        // The next cycle, 10 minutes on.
        assertEquals(Phase.ORACLE_STALLED, at(690));
        assertTrue(model.oracleStalled());
        assertEquals(Phase.CALM, at(730));
        assertEquals(Phase.MARK_DRIFTING, at(900));
    }

    @Test
    void theDriftCarriesTheMarkPastTheProtocolsBandBeforeItSnapsBack() {
        at(300);
        long oracle = model.oracle(market.state()).price();
        // The DLOB's publisher reads the mark every slot, which is where the drift accrues from; here the test does.
        model.mark(market.state());
        at(324);
        double gapBps = (model.mark(market.state()) - oracle) * 10_000.0 / oracle;
        assertTrue(gapBps > 1_000, "mark-oracle gap " + gapBps + " bps");
        at(325);
        assertEquals(Math.round(market.state().mid() * 1e6), model.mark(market.state()));
    }

    @Test
    void onAndOffComeFromTheEnvironmentWithTheCallersDefault() {
        assertTrue(VelocityScenario.enabled(Env.of(Map.of()), true));
        assertFalse(VelocityScenario.enabled(Env.of(Map.of()), false));
        assertFalse(VelocityScenario.enabled(Env.of(Map.of(VelocityScenario.ENV, "off")), true));
        assertTrue(VelocityScenario.enabled(Env.of(Map.of(VelocityScenario.ENV, "ON")), false));
        assertThrows(
                IllegalArgumentException.class,
                () -> VelocityScenario.enabled(Env.of(Map.of(VelocityScenario.ENV, "yes")), false));
    }

    /** Sets the clock {@code seconds} after start and ticks. */
    private Phase at(long seconds) {
        clock.set(START + seconds * 1000);
        return scenario.tick();
    }
}
