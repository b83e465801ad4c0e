package perpwatch.functions.instruments;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Listing;
import perpwatch.core.instrument.Venue;

/**
 * One configured instrument as {@code GET /api/instruments} lists it.
 *
 * @param symbol              the canonical name every {@code ?symbol=} takes
 * @param venues              the venues it is watched on, as {@code PERPWATCH_INSTRUMENTS} keys them ({@code binance},
 *                            {@code okx_usdt}, {@code okx_usdc}, {@code bybit}, {@code velocity}), in {@link Venue}'s
 *                            order
 * @param velocityMarketIndex its Velocity perp market index (the {@code market} of an on-chain liquidation map), or
 *                            null when Velocity does not list it
 */
public record InstrumentView(
        String symbol,
        List<String> venues,
        @JsonProperty("velocity_market_index") Integer velocityMarketIndex) {
    public static InstrumentView of(Instrument instrument) {
        return new InstrumentView(
                instrument.canonical(),
                instrument.venues().stream().map(Venue::key).toList(),
                instrument.listing(Venue.VELOCITY).map(Listing::marketIndex).orElse(null));
    }
}
