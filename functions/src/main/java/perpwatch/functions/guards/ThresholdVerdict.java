package perpwatch.functions.guards;

import java.math.BigDecimal;

/**
 * Judges fresh metrics against the configured thresholds: each crossing is a state and a message saying by how
 * much; too many liquidations is the one breach.
 */
final class ThresholdVerdict {
    private final GuardPolicy policy;

    ThresholdVerdict(GuardPolicy policy) {
        this.policy = policy;
    }

    Judged spread(BigDecimal spreadBps) {
        if (spreadBps.compareTo(policy.spreadWarnBps()) > 0) {
            return Judged.warn("spread_bps: " + plain(spreadBps) + " bps is above the warning threshold of "
                    + plain(policy.spreadWarnBps()) + " bps");
        }
        return Judged.PASS;
    }

    Judged depth(BigDecimal bidUsd, BigDecimal askUsd) {
        BigDecimal thinner = bidUsd.min(askUsd);
        if (thinner.compareTo(policy.minDepthUsd()) < 0) {
            String side = bidUsd.compareTo(askUsd) <= 0 ? "bid" : "ask";
            return Judged.warn("depth_10bps: " + side + " side has $" + plain(thinner)
                    + " within 10 bps, below the warning threshold of $" + plain(policy.minDepthUsd()));
        }
        return Judged.PASS;
    }

    Judged funding(BigDecimal apr) {
        if (apr.abs().compareTo(policy.fundingAprWarn()) > 0) {
            return Judged.warn("funding_apr: " + plain(apr) + " % is beyond ±" + plain(policy.fundingAprWarn()) + " %");
        }
        return Judged.PASS;
    }

    Judged basis(BigDecimal basisBps) {
        if (basisBps.abs().compareTo(policy.basisWarnBps()) > 0) {
            return Judged.warn(
                    "basis_bps: " + plain(basisBps) + " bps is beyond ±" + plain(policy.basisWarnBps()) + " bps");
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

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
