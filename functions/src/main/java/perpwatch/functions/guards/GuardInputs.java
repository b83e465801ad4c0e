package perpwatch.functions.guards;

import java.util.Optional;
import perpwatch.core.stream.StreamEntry;

/**
 * The raw entries one guards evaluation reads, before any decoding or staleness check.
 *
 * @param liquidationsRecent entries in the liquidation stream within the window, or empty when the stream does not
 *                           exist (the feed never wrote: a count of 0 would be invented)
 * @param newestLiquidation  the newest liquidation ever kept, for its age
 */
record GuardInputs(Optional<StreamEntry> price, Optional<StreamEntry> bar, Optional<StreamEntry> book,
                   Optional<StreamEntry> funding, Optional<StreamEntry> usdcTrade, Optional<StreamEntry> okxUsdtTrade,
                   Optional<Integer> liquidationsRecent, Optional<StreamEntry> newestLiquidation) {
}
