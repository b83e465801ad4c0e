package perpwatch.functions.guards;

import java.math.BigDecimal;

/**
 * Judges fresh metrics against the configured thresholds: each crossing is a state and a message saying by how
 * much. Too many liquidations, a Velocity oracle too many slots old and a Velocity mark too far from it are breaches;
 * every other crossing is a warning.
 */
final class ThresholdVerdict {
    private final GuardPolicy policy;
    private final VelocityGuardPolicy velocity;

    ThresholdVerdict(GuardPolicy policy) {
        this.policy = policy;
        this.velocity = policy.velocity();
    }

    Judged spread(BigDecimal spreadBps) {
        return spreadAbove(GuardMetric.SPREAD_BPS, spreadBps, policy.spreadWarnBps());
    }

    Judged velocitySpread(BigDecimal spreadBps) {
        return spreadAbove(GuardMetric.VELOCITY_SPREAD_BPS, spreadBps, velocity.spreadWarnBps());
    }

    Judged depth(BigDecimal bidUsd, BigDecimal askUsd) {
        return depthBelow(GuardMetric.DEPTH_10BPS, bidUsd, askUsd, policy.minDepthUsd());
    }

    Judged velocityDepth(BigDecimal bidUsd, BigDecimal askUsd) {
        return depthBelow(GuardMetric.VELOCITY_DEPTH_10BPS, bidUsd, askUsd, velocity.minDepthUsd());
    }

    Judged funding(BigDecimal apr) {
        return beyond(GuardMetric.FUNDING_APR, apr, policy.fundingAprWarn(), " %");
    }

    Judged velocityFunding(BigDecimal apr) {
        return beyond(GuardMetric.VELOCITY_FUNDING_APR, apr, velocity.fundingAprWarn(), " %");
    }

    Judged basis(BigDecimal basisBps) {
        return beyond(GuardMetric.BASIS_BPS, basisBps, policy.basisWarnBps(), " bps");
    }

    Judged velocityBasis(BigDecimal basisBps) {
        return beyond(GuardMetric.BASIS_VELOCITY_BPS, basisBps, velocity.basisWarnBps(), " bps");
    }

    /** The protocol's AMM stops filling against an oracle this old: a breach, not a warning. */
    Judged oracleAge(long ageSlots) {
        if (ageSlots > velocity.oracleMaxSlots()) {
            return Judged.breach(GuardMetric.VELOCITY_ORACLE_AGE_SLOTS.wire() + ": the oracle was posted " + ageSlots
                    + " slots ago, above the breach threshold of " + velocity.oracleMaxSlots() + " slots");
        }
        return Judged.PASS;
    }

    /** The protocol treats an oracle this far from the mark as invalid: a breach, not a warning. */
    Judged markOracle(BigDecimal gapBps) {
        if (gapBps.abs().compareTo(velocity.markOracleMaxBps()) > 0) {
            return Judged.breach(GuardMetric.VELOCITY_MARK_ORACLE_BPS.wire() + ": the mark is " + plain(gapBps)
                    + " bps from the oracle, beyond the breach threshold of ±" + plain(velocity.markOracleMaxBps())
                    + " bps");
        }
        return Judged.PASS;
    }

    /** @param atLeast the count stopped early: there are at least {@code count} */
    Judged liquidations(int count, boolean atLeast) {
        if (count > policy.liqBreach5m()) {
            String counted = atLeast ? "at least " + count : String.valueOf(count);
            return Judged.breach("liq_events_5m: " + counted
                    + " liquidations in 5 min is above the breach threshold of " + policy.liqBreach5m());
        }
        return Judged.PASS;
    }

    private static Judged spreadAbove(GuardMetric metric, BigDecimal spreadBps, BigDecimal bound) {
        if (spreadBps.compareTo(bound) > 0) {
            return Judged.warn(metric.wire() + ": " + plain(spreadBps) + " bps is above the warning threshold of "
                    + plain(bound) + " bps");
        }
        return Judged.PASS;
    }

    private static Judged depthBelow(GuardMetric metric, BigDecimal bidUsd, BigDecimal askUsd, BigDecimal bound) {
        BigDecimal thinner = bidUsd.min(askUsd);
        if (thinner.compareTo(bound) < 0) {
            String side = bidUsd.compareTo(askUsd) <= 0 ? "bid" : "ask";
            return Judged.warn(metric.wire() + ": " + side + " side has $" + plain(thinner)
                    + " within 10 bps, below the warning threshold of $" + plain(bound));
        }
        return Judged.PASS;
    }

    private static Judged beyond(GuardMetric metric, BigDecimal value, BigDecimal bound, String unit) {
        if (value.abs().compareTo(bound) > 0) {
            return Judged.warn(metric.wire() + ": " + plain(value) + unit + " is beyond ±" + plain(bound) + unit);
        }
        return Judged.PASS;
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
