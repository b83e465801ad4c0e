package perpwatch.functions.guards;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import perpwatch.core.stream.StreamEntry;

/**
 * The raw entries one guards evaluation reads, before any decoding or staleness check.
 *
 * @param liquidationsRecent  entries in the liquidation stream within the window (0 for an empty stream)
 * @param newestLiquidation   the newest liquidation kept, for its age
 * @param liquidationsByVenue the same count per venue (a venue with none may be absent)
 * @param liquidationSilent   venues whose liquidation connection has no live heartbeat: a count without them is
 *                            partial, and with all of them silent there is no count at all
 */
record GuardInputs(Optional<StreamEntry> price, Optional<StreamEntry> bar, Optional<StreamEntry> book,
                   Optional<StreamEntry> funding, Optional<StreamEntry> usdcTrade, Optional<StreamEntry> okxUsdtTrade,
                   int liquidationsRecent, Map<String, Integer> liquidationsByVenue, Optional<StreamEntry> newestLiquidation,
                   List<String> liquidationSilent) {
}
