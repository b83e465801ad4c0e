package perpwatch.core.stream;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import perpwatch.core.instrument.Instrument;

/** The stream contract of DESIGN §4: key names and retentions, derived from the instrument. */
public final class StreamKeys {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);

    private StreamKeys() {
    }

    /** Closed 1-minute bars from Binance aggTrade. */
    public static StreamKey trades(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":trades", WEEK).withSilenceBudget(Duration.ofSeconds(150));
    }

    /** Binance last trade price, at most once a second. */
    public static StreamKey price(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":price", DAY).withSilenceBudget(Duration.ofSeconds(5));
    }

    /** Every stream this instrument has, for health and tooling. */
    public static List<StreamKey> all(Instrument instrument) {
        return List.of(trades(instrument), price(instrument));
    }

    private static String prefix(Instrument instrument, String quote) {
        return "market:" + instrument.canonical().toLowerCase(Locale.ROOT) + quote;
    }
}
