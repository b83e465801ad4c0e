package perpwatch.core.instrument;

import java.util.Locale;
import java.util.Objects;

/**
 * One tradable asset and its symbol on every venue we watch (DESIGN §3).
 *
 * @param canonical       our name for it, e.g. {@code SOL}; stream keys and {@code ?symbol=} use it
 * @param binance         Binance USDⓈ-M symbol, e.g. {@code SOLUSDT}
 * @param okxUsdt         OKX USDT-margined swap, e.g. {@code SOL-USDT-SWAP}
 * @param okxUsdc         OKX USDC-margined swap, e.g. {@code SOL-USDC-SWAP}
 * @param bybit           Bybit linear symbol, e.g. {@code SOLUSDT}
 * @param driftPerpMarket Drift v2 perp market index ({@code 0} is SOL-PERP)
 */
public record Instrument(
        String canonical, String binance, String okxUsdt, String okxUsdc, String bybit, int driftPerpMarket) {

    public Instrument {
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(binance, "binance");
        canonical = canonical.toUpperCase(Locale.ROOT);
    }

    public static Instrument sol() {
        return new Instrument("SOL", "SOLUSDT", "SOL-USDT-SWAP", "SOL-USDC-SWAP", "SOLUSDT", 0);
    }

    /** Binance stream names are lowercase ({@code solusdt@aggTrade}) while payloads carry the uppercase symbol. */
    public String binanceStreamName() {
        return binance.toLowerCase(Locale.ROOT);
    }
}
