package perpwatch.feeds.onchain.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import perpwatch.feeds.onchain.ExchangeStatus;
import perpwatch.feeds.onchain.OracleDecoder;
import perpwatch.feeds.onchain.OracleKey;
import perpwatch.feeds.onchain.OraclePrice;

/**
 * Decides whether a scan may be read as live. Fail closed: a paused program is {@link MapState#FROZEN}; anything we
 * could not confirm (the State unread, the node's slot unknown, an oracle older than the slot budget, a market priced
 * from its cached price instead of its oracle) is {@link MapState#STALE}, with every reason that applies.
 */
final class FreshnessJudge {
    private final long slotBudget;

    FreshnessJudge(long slotBudget) {
        if (slotBudget <= 0) {
            throw new IllegalArgumentException("the oracle slot budget must be positive, not " + slotBudget);
        }
        this.slotBudget = slotBudget;
    }

    /**
     * @param exchange     the State's exchange status, null when it could not be read
     * @param stateProblem why it could not be read (when {@code exchange} is null)
     * @param currentSlot  the node's slot, or -1 when {@code getSlot} failed
     * @param marketPrice  the price the scanned market's map was computed at
     * @param oracles      every oracle price read live, by what each market reads
     * @param notes        oracles that stood in or gave no price, already phrased
     */
    Freshness judge(
            ExchangeStatus exchange,
            String stateProblem,
            long currentSlot,
            String marketName,
            OraclePrice marketPrice,
            Map<OracleKey, OraclePrice> oracles,
            List<String> notes) {
        long lag = -1;
        String oldest = null;
        if (currentSlot > 0) {
            for (Map.Entry<OracleKey, OraclePrice> e : oracles.entrySet()) {
                // The quote asset is priced at 1 by definition: it has no account and no slot to age.
                if (e.getKey().source() == OracleDecoder.QUOTE_ASSET) {
                    continue;
                }
                long l = currentSlot - e.getValue().slot();
                if (l > lag) {
                    lag = l;
                    oldest = e.getKey().account();
                }
            }
        }
        if (exchange != null
                && (exchange.paused(ExchangeStatus.FILL_PAUSED) || exchange.paused(ExchangeStatus.LIQ_PAUSED))) {
            return new Freshness(MapState.FROZEN, paused(exchange), currentSlot, lag, notes);
        }
        List<String> reasons = new ArrayList<>();
        if (exchange == null) {
            reasons.add("exchange status unknown: " + stateProblem);
        }
        if (currentSlot <= 0) {
            reasons.add("the node's current slot is unknown, so oracle ages cannot be checked");
        } else if (lag > slotBudget) {
            reasons.add("oracle " + oldest + " is " + lag + " slots behind the node's slot " + currentSlot + " (budget "
                    + slotBudget + ")");
        }
        if (marketPrice.source() != OraclePrice.Source.ORACLE_ACCOUNT) {
            reasons.add(marketName + " is priced from the market's cached price, not its oracle");
        }
        if (!notes.isEmpty()) {
            reasons.add("oracles not read live: " + String.join("; ", notes));
        }
        return reasons.isEmpty()
                ? new Freshness(MapState.LIVE, "", currentSlot, lag, notes)
                : new Freshness(MapState.STALE, String.join("; ", reasons), currentSlot, lag, notes);
    }

    private static String paused(ExchangeStatus exchange) {
        List<String> what = new ArrayList<>();
        if (exchange.paused(ExchangeStatus.FILL_PAUSED)) {
            what.add("fills");
        }
        if (exchange.paused(ExchangeStatus.LIQ_PAUSED)) {
            what.add("liquidations");
        }
        return "the program is paused (exchange status " + exchange.bits() + ": " + String.join(" and ", what)
                + " paused): positions can neither trade nor be liquidated";
    }
}
