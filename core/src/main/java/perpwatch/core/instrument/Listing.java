package perpwatch.core.instrument;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one venue calls an instrument, and how its contracts are sized.
 *
 * @param symbol        the venue's own name, e.g. {@code SOLUSDT}, {@code SOL-USDT-SWAP}, {@code SOL-PERP}
 * @param quote         the currency prices are quoted in, e.g. {@code USDT}
 * @param contractValue base units per contract, or null when the feed is to ask the venue (OKX publishes {@code ctVal}
 *                      and the feed reads it there: a configured number could go stale, the venue's cannot)
 * @param marketIndex   the Velocity perp market index ({@code 0} is SOL-PERP); null on every other venue
 */
public record Listing(String symbol, String quote, BigDecimal contractValue, Integer marketIndex) {

    public Listing {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("a listing needs a symbol");
        }
        Objects.requireNonNull(quote, "quote");
        if (contractValue != null && contractValue.signum() <= 0) {
            throw new IllegalArgumentException("contract value of " + symbol + " must be positive: " + contractValue);
        }
        if (marketIndex != null && marketIndex < 0) {
            throw new IllegalArgumentException("market index of " + symbol + " must be >= 0: " + marketIndex);
        }
    }

    /** A symbol with the venue's usual quote and the contract value left to the venue. */
    public static Listing of(Venue venue, String symbol) {
        return new Listing(symbol, venue.defaultQuote(), null, null);
    }

    /** A Velocity perp market: its symbol and on-chain index. */
    public static Listing velocity(String symbol, int marketIndex) {
        return new Listing(symbol, Venue.VELOCITY.defaultQuote(), null, marketIndex);
    }

    public Optional<BigDecimal> contractValueIfConfigured() {
        return Optional.ofNullable(contractValue);
    }

    public OptionalInt marketIndexIfAny() {
        return marketIndex == null ? OptionalInt.empty() : OptionalInt.of(marketIndex);
    }
}
