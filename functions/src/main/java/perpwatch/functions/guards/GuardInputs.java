package perpwatch.functions.guards;

import java.util.List;
import java.util.Optional;
import perpwatch.core.redis.EventCount;
import perpwatch.core.stream.StreamEntry;

/**
 * The raw entries one guards evaluation reads, before any decoding or staleness check.
 *
 * @param liquidations        the liquidation stream's count of the window by event time, per venue (empty for an
 *                            empty stream)
 * @param newestLiquidation   the newest liquidation kept, for its age
 * @param liquidationSilent   listed venues whose liquidation connection has no live heartbeat: a count without
 *                            them is partial, and with all of them silent there is no count at all (a venue the
 *                            instrument does not list is never silent: nothing is meant to listen there)
 * @param velocityBook        Velocity's DLOB book; empty for an instrument not listed on Velocity (as the two below)
 * @param velocityOracle      the newest read of Velocity's oracle account with the node's slot
 * @param velocityFunding     Velocity's last settled funding
 */
record GuardInputs(
        Optional<StreamEntry> price,
        Optional<StreamEntry> bar,
        Optional<StreamEntry> book,
        Optional<StreamEntry> funding,
        Optional<StreamEntry> usdcTrade,
        Optional<StreamEntry> okxUsdtTrade,
        Optional<EventCount> liquidations,
        Optional<StreamEntry> newestLiquidation,
        List<String> liquidationSilent,
        Optional<StreamEntry> velocityBook,
        Optional<StreamEntry> velocityOracle,
        Optional<StreamEntry> velocityFunding) {}
