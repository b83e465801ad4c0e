package perpwatch.feeds.onchain.scan;

import java.util.List;

/**
 * A scan's verdict on its own data: the state and, unless live, why.
 *
 * @param oracleLagSlots how far the oldest oracle read lags the node's current slot (-1 when no slot was read)
 * @param notes          what stood in for what (an undecodable oracle and the market whose cached price replaced it),
 *                       reported even when the map is still live
 */
public record Freshness(MapState state, String reason, long currentSlot, long oracleLagSlots, List<String> notes) {
    public Freshness {
        notes = List.copyOf(notes);
        if (state != MapState.LIVE && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a " + state.wire() + " map must say why");
        }
    }
}
