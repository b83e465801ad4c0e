package perpwatch.core.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One tradable asset and the venues it is watched on (DESIGN §3): a canonical name and, per venue, that venue's
 * listing. A venue absent here is not run for the instrument, and the guards read its metrics as
 * {@code not_configured}.
 *
 * @param canonical our name for it, e.g. {@code SOL}; stream keys and {@code ?symbol=} use it
 * @param listings  at least one venue; iteration follows {@link Venue}'s order
 */
public record Instrument(String canonical, Map<Venue, Listing> listings) {

    public Instrument {
        if (canonical == null || canonical.isBlank()) {
            throw new IllegalArgumentException("an instrument needs a canonical name");
        }
        canonical = canonical.toUpperCase(Locale.ROOT);
        if (listings == null || listings.isEmpty()) {
            throw new IllegalArgumentException("instrument " + canonical + " is listed on no venue");
        }
        listings = Collections.unmodifiableMap(new EnumMap<>(listings));
        Listing velocity = listings.get(Venue.VELOCITY);
        if (velocity != null && velocity.marketIndex() == null) {
            throw new IllegalArgumentException("instrument " + canonical + ": a velocity listing needs a market index");
        }
        for (Map.Entry<Venue, Listing> entry : listings.entrySet()) {
            if (entry.getKey() != Venue.VELOCITY && entry.getValue().marketIndex() != null) {
                throw new IllegalArgumentException(
                        "instrument " + canonical + ": a market index belongs to velocity only, not " + entry.getKey());
            }
        }
    }

    /** SOL on every venue: the default deployment. */
    public static Instrument sol() {
        return builder("SOL")
                .on(Venue.BINANCE, "SOLUSDT")
                .on(Venue.OKX_USDT, "SOL-USDT-SWAP")
                .on(Venue.OKX_USDC, "SOL-USDC-SWAP")
                .on(Venue.BYBIT, "SOLUSDT")
                .on(Venue.VELOCITY, Listing.velocity("SOL-PERP", 0))
                .build();
    }

    public static Builder builder(String canonical) {
        return new Builder(canonical);
    }

    public Optional<Listing> listing(Venue venue) {
        return Optional.ofNullable(listings.get(venue));
    }

    public boolean has(Venue venue) {
        return listings.containsKey(venue);
    }

    /** Whether any of the exchange's venues lists it ({@code okx}: either swap). */
    public boolean onExchange(String exchange) {
        return listings.keySet().stream().anyMatch(v -> v.exchange().equals(exchange));
    }

    public Set<Venue> venues() {
        return listings.keySet();
    }

    /**
     * The venue's symbol, for code that runs only where the venue is configured (a feed task is built only for
     * instruments its venue lists).
     *
     * @throws IllegalStateException when the venue does not list it: a wiring bug, not a configuration one
     */
    public String symbol(Venue venue) {
        return require(venue).symbol();
    }

    /** The symbols of those of {@code venues} that list it, in the order asked (OKX: whichever swaps it has). */
    public List<String> symbols(Venue... venues) {
        List<String> symbols = new ArrayList<>();
        for (Venue venue : venues) {
            listing(venue).map(Listing::symbol).ifPresent(symbols::add);
        }
        return List.copyOf(symbols);
    }

    /** The Velocity perp market index; see {@link #symbol} for when it throws. */
    public int velocityMarket() {
        return require(Venue.VELOCITY).marketIndex();
    }

    private Listing require(Venue venue) {
        Listing listing = listings.get(venue);
        if (listing == null) {
            throw new IllegalStateException(canonical + " is not configured on " + venue);
        }
        return listing;
    }

    /** Named construction: one {@code on} per venue the instrument is watched on. */
    public static final class Builder {
        private final String canonical;
        private final Map<Venue, Listing> listings = new EnumMap<>(Venue.class);

        private Builder(String canonical) {
            this.canonical = canonical;
        }

        public Builder on(Venue venue, String symbol) {
            return on(venue, Listing.of(venue, symbol));
        }

        public Builder on(Venue venue, Listing listing) {
            if (listings.put(venue, listing) != null) {
                throw new IllegalArgumentException("instrument " + canonical + " lists " + venue + " twice");
            }
            return this;
        }

        public Instrument build() {
            return new Instrument(canonical, listings);
        }
    }
}
