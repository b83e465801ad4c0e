package perpwatch.feeds.onchain.scan;

import java.util.Map;
import perpwatch.feeds.onchain.OracleKey;
import perpwatch.feeds.onchain.OraclePrice;

/**
 * The oracles one scan read: the prices decoded, and for each (account, source) that gave none, why (no account, or
 * the decoder's reason). A failure is never dropped silently: the scan names it with the market that stood in.
 */
record OracleReadings(Map<OracleKey, OraclePrice> prices, Map<OracleKey, String> failures) {
    OracleReadings {
        prices = Map.copyOf(prices);
        failures = Map.copyOf(failures);
    }
}
