package perpwatch.functions.guards;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.FundingSnapshot;

/** Compares fresh metrics with the configured thresholds: each crossing is a warning, too many liquidations a breach. */
final class ThresholdVerdict {
    private final GuardPolicy policy;
    private final List<String> messages = new ArrayList<>();
    private boolean breach;

    ThresholdVerdict(GuardPolicy policy) {
        this.policy = policy;
    }

    void book(BookTop book) {
        if (book.spreadBps().compareTo(policy.spreadWarnBps()) > 0) {
            messages.add("spread_bps: " + plain(book.spreadBps()) + " bps is above the warning threshold of "
                    + plain(policy.spreadWarnBps()) + " bps");
        }
        BigDecimal thinner = book.depthBidUsd().min(book.depthAskUsd());
        if (thinner.compareTo(policy.minDepthUsd()) < 0) {
            String side = book.depthBidUsd().compareTo(book.depthAskUsd()) <= 0 ? "bid" : "ask";
            messages.add("depth_10bps: " + side + " side has $" + plain(thinner) + " within 10 bps, below the warning threshold of $"
                    + plain(policy.minDepthUsd()));
        }
    }

    void funding(FundingSnapshot funding) {
        if (funding.fundingApr().abs().compareTo(policy.fundingAprWarn()) > 0) {
            messages.add("funding_apr: " + plain(funding.fundingApr()) + " % is beyond ±" + plain(policy.fundingAprWarn()) + " %");
        }
    }

    void basis(BigDecimal basisBps) {
        if (basisBps != null && basisBps.abs().compareTo(policy.basisWarnBps()) > 0) {
            messages.add("basis_bps: " + plain(basisBps) + " bps is beyond ±" + plain(policy.basisWarnBps()) + " bps");
        }
    }

    void liquidations(Integer count) {
        if (count != null && count > policy.liqBreach5m()) {
            breach = true;
            String counted = count >= GuardPolicy.LIQUIDATIONS_COUNTED_MAX ? "at least " + count : String.valueOf(count);
            messages.add("liq_events_5m: " + counted + " liquidations in 5 min is above the breach threshold of " + policy.liqBreach5m());
        }
    }

    List<String> messages() {
        return messages;
    }

    boolean breach() {
        return breach;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
