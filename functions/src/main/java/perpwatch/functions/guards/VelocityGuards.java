package perpwatch.functions.guards;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.model.OracleReading;
import perpwatch.core.model.OracleReadingCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.SettledFunding;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.stream.StreamKeys;

/**
 * The Velocity metrics of one evaluation: its book (spread, depth), its oracle's age in slots, the gap between its
 * mark (the book's mid) and that oracle, its settled funding, and its mid against Binance. Each is read only when its
 * inputs are fresh; a gap or basis needs both sides fresh and taken within the basis skew, or it is unknown with why.
 */
final class VelocityGuards {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final List<GuardMetric> BOOK =
            List.of(GuardMetric.VELOCITY_SPREAD_BPS, GuardMetric.VELOCITY_DEPTH_10BPS);
    private static final List<GuardMetric> ALL = List.of(
            GuardMetric.VELOCITY_SPREAD_BPS,
            GuardMetric.VELOCITY_DEPTH_10BPS,
            GuardMetric.VELOCITY_ORACLE_AGE_SLOTS,
            GuardMetric.VELOCITY_MARK_ORACLE_BPS,
            GuardMetric.VELOCITY_FUNDING_APR,
            GuardMetric.BASIS_VELOCITY_BPS);

    private final VelocityGuardPolicy policy;
    /** Both pairs read the book, the slowest of their sides, so its budget bounds each side. */
    private final BasisCalculator pairs;

    VelocityGuards(GuardPolicy guards) {
        this.policy = guards.velocity();
        this.pairs = new BasisCalculator(policy.bookMaxAge(), guards.basisMaxSkew(), guards.clockSkewMax());
    }

    /** @param binance the Binance price as the {@code price} metric read it: present only when fresh */
    void judge(
            Instrument instrument,
            GuardInputs in,
            Optional<PriceTick> binance,
            MetricChecks checks,
            ThresholdVerdict verdict,
            GuardBoard board,
            long now) {
        if (!instrument.has(Venue.VELOCITY)) {
            // Not configured, marked before any data was read: the board says so for each.
            ALL.forEach(metric -> board.judge(metric, null, null));
            return;
        }
        Optional<BookTop> book = checks.fresh(
                BOOK,
                StreamKeys.velocityBook(instrument).name(),
                in.velocityBook(),
                BookTopCodec.INSTANCE,
                BookTop::ts,
                policy.bookMaxAge());
        Optional<OracleReading> oracle = checks.fresh(
                GuardMetric.VELOCITY_ORACLE_AGE_SLOTS,
                StreamKeys.velocityOracle(instrument).name(),
                in.velocityOracle(),
                OracleReadingCodec.INSTANCE,
                OracleReading::ts,
                policy.oracleMaxAge());
        Optional<SettledFunding> funding = checks.fresh(
                GuardMetric.VELOCITY_FUNDING_APR,
                StreamKeys.velocityFunding(instrument).name(),
                in.velocityFunding(),
                SettledFundingCodec.INSTANCE,
                SettledFunding::ts,
                policy.fundingMaxAge());

        String market = instrument.symbol(Venue.VELOCITY);
        Optional<PricePoint> mid = book.map(b -> new PricePoint("velocity " + market + " mid", mid(b), b.ts()));
        BasisReading gap = pairs.compute(
                mid,
                "Velocity mark",
                oracle.map(o -> new PricePoint("velocity " + market + " oracle", o.price(), o.ts())),
                "Velocity oracle",
                now);
        checks.derived(GuardMetric.VELOCITY_MARK_ORACLE_BPS, gap.ageMs(), gap.problem(), gap.headroomMs());
        BasisReading basis = pairs.compute(
                mid,
                "Velocity",
                binance.map(t -> new PricePoint("binance " + instrument.symbol(Venue.BINANCE), t.price(), t.ts())),
                "Binance",
                now);
        checks.derived(GuardMetric.BASIS_VELOCITY_BPS, basis.ageMs(), basis.problem(), basis.headroomMs());

        board.judge(
                GuardMetric.VELOCITY_SPREAD_BPS,
                book.map(BookTop::spreadBps).orElse(null),
                book.map(b -> verdict.velocitySpread(b.spreadBps())).orElse(null));
        board.judge(
                GuardMetric.VELOCITY_DEPTH_10BPS,
                book.map(b -> b.depthBidUsd().min(b.depthAskUsd())).orElse(null),
                book.map(b -> verdict.velocityDepth(b.depthBidUsd(), b.depthAskUsd()))
                        .orElse(null));
        board.judge(
                GuardMetric.VELOCITY_ORACLE_AGE_SLOTS,
                oracle.map(OracleReading::ageSlots).orElse(null),
                oracle.map(o -> verdict.oracleAge(o.ageSlots())).orElse(null));
        board.judge(
                GuardMetric.VELOCITY_MARK_ORACLE_BPS,
                gap.bps(),
                gap.bps() == null ? null : verdict.markOracle(gap.bps()));
        board.judge(
                GuardMetric.VELOCITY_FUNDING_APR,
                funding.map(SettledFunding::fundingApr).orElse(null),
                funding.map(f -> verdict.velocityFunding(f.fundingApr())).orElse(null));
        board.judge(
                GuardMetric.BASIS_VELOCITY_BPS,
                basis.bps(),
                basis.bps() == null ? null : verdict.velocityBasis(basis.bps()));
    }

    private static BigDecimal mid(BookTop book) {
        return book.bidPrice().add(book.askPrice()).divide(TWO, MathContext.DECIMAL64);
    }
}
