package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One venue's share of {@code liq_events_5m}.
 *
 * @param count     liquidations in the window by event time; null when the venue is not connected (unknown, not 0)
 * @param connected the venue acknowledged its subscription and its link answers
 * @param sampled   the venue pushes a sample, not every liquidation: Binance's {@code forceOrder} stream sends at most
 *                  one liquidation per symbol per second, so its count is a floor
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VenueLiquidations(Integer count, boolean connected, boolean sampled) {}
