package perpwatch.core.instrument;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A market we read an instrument on. OKX counts twice because its USDT- and USDC-margined swaps are two markets with
 * two symbols (the pair is the basis); they share one exchange, one connection and one liquidation heartbeat.
 */
public enum Venue {
    BINANCE("binance", "USDT"),
    OKX_USDT("okx", "USDT"),
    OKX_USDC("okx", "USDC"),
    BYBIT("bybit", "USDT"),
    /** Velocity (Drift's relaunch) on Solana, USDT-quoted: a perp market index, not a symbol, addresses it on chain. */
    VELOCITY("velocity", "USDT");

    private final String exchange;
    private final String defaultQuote;

    Venue(String exchange, String defaultQuote) {
        this.exchange = exchange;
        this.defaultQuote = defaultQuote;
    }

    /** The key of this venue in a {@code PERPWATCH_INSTRUMENTS} row, e.g. {@code okx_usdt}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The exchange the venue belongs to, as stream fields, heartbeat keys and {@code liq_events_5m_by_venue} name it
     * ({@code okx} for both OKX swaps).
     */
    public String exchange() {
        return exchange;
    }

    /** The quote currency when a row does not name one. */
    public String defaultQuote() {
        return defaultQuote;
    }

    public static Optional<Venue> fromKey(String key) {
        return Arrays.stream(values()).filter(v -> v.key().equals(key)).findFirst();
    }

    /** For messages that list what a configuration may say. */
    public static String keys() {
        return Arrays.stream(values()).map(Venue::key).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return key();
    }
}
