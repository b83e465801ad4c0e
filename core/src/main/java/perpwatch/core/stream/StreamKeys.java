package perpwatch.core.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;

/** The stream contract of DESIGN §4: key names and retentions, derived from the instrument. */
public final class StreamKeys {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration WEEK = Duration.ofDays(7);

    private StreamKeys() {}

    /** Closed 1-minute bars from Binance aggTrade. */
    public static StreamKey trades(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":trades", WEEK).withSilenceBudget(Duration.ofSeconds(150));
    }

    /** Binance last trade price, at most once a second. */
    public static StreamKey price(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":price", DAY).withSilenceBudget(Duration.ofSeconds(5));
    }

    /** The venues the liquidations task listens to; each proves it is connected with a heartbeat key. */
    public static final List<String> LIQUIDATION_VENUES = List.of("binance", "okx", "bybit");

    /** The liquidation venues this instrument is configured on: the task listens to these only. */
    public static List<String> liquidationVenues(Instrument instrument) {
        return LIQUIDATION_VENUES.stream().filter(instrument::onExchange).toList();
    }

    /** The status of one feed task's WebSocket link ({@link FeedLink}): {@code feed:<task>:<sym>:<venue>}. */
    public static String feedLink(Instrument instrument, FeedLink link) {
        return "feed:" + link.task() + ":" + instrument.canonical().toLowerCase(Locale.ROOT) + ":" + link.venue();
    }

    /**
     * Set by the liquidations task while a venue's connection is alive (any frame, pongs included, within the
     * silence budget): an empty liquidation stream then means a calm market, not a dead feed.
     */
    public static String liquidationHeartbeat(Instrument instrument, String venue) {
        return "feed:liquidations:" + instrument.canonical().toLowerCase(Locale.ROOT) + ":" + venue + ":alive";
    }

    /**
     * Binance top of book, spread and depth within 10 bps: on change, at most 10 a second, and unchanged again as a
     * keepalive each second. At 10 a second a day is about 864,000 entries, about 100 MiB (≈ 117 bytes an entry).
     */
    public static StreamKey book(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":book", DAY).withSilenceBudget(Duration.ofSeconds(5));
    }

    /** Liquidations from every venue, normalized. Quiet is normal here, so no silence budget. */
    public static StreamKey liquidations(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":liquidations", WEEK);
    }

    /** Bybit open interest and funding, polled every 60 s: three missed polls mean the feed is behind. */
    public static StreamKey funding(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":funding", Duration.ofDays(30))
                .withSilenceBudget(Duration.ofSeconds(180));
    }

    /**
     * Bybit's settled funding prints, one entry per settlement (every 8 h for SOLUSDT; 4 h or 1 h for some
     * instruments), 90 days. No silence budget: the same task writes {@link #funding} every minute, whose budget
     * already tells a dead task, and a settlement-paced budget would depend on the instrument's interval.
     */
    public static StreamKey fundingSettled(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":funding_settled", Duration.ofDays(90));
    }

    /**
     * OKX USDC-margined swap, the last trade of each second. The USDC swap trades far less than the USDT one, so a
     * quiet minute is not a fault; five are.
     */
    public static StreamKey usdcTrades(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdc") + ":trades", DAY).withSilenceBudget(Duration.ofMinutes(5));
    }

    /** OKX USDT-margined swap, the last trade of each second: basis on one venue, not only across venues. */
    public static StreamKey okxUsdtTrades(Instrument instrument) {
        return new StreamKey(prefix(instrument, "usdt") + ":okx_trades", DAY).withSilenceBudget(Duration.ofSeconds(60));
    }

    /**
     * Velocity's DLOB book for the instrument's perp market, the same fields as {@link #book}: on change, at most one
     * a second. Its budget allows the HTTP fallback's 5 s period when the DLOB WebSocket brings nothing.
     */
    public static StreamKey velocityBook(Instrument instrument) {
        return new StreamKey(velocityPrefix(instrument) + ":book", DAY).withSilenceBudget(Duration.ofSeconds(15));
    }

    /**
     * Velocity's settled funding, one entry per settlement (hourly), the fields of {@link #fundingSettled}. No silence
     * budget: its pace is the venue's settlement interval, and the book's budget already tells a dead task.
     */
    public static StreamKey velocityFunding(Instrument instrument) {
        return new StreamKey(velocityPrefix(instrument) + ":funding", Duration.ofDays(30));
    }

    /**
     * Velocity's oracle for the instrument's perp market, read from its PythLazerOracle account about once a second
     * with the node's slot: every read is written, so a stalled oracle shows as a growing slot lag, not as silence.
     */
    public static StreamKey velocityOracle(Instrument instrument) {
        return new StreamKey(velocityPrefix(instrument) + ":oracle", DAY).withSilenceBudget(Duration.ofSeconds(15));
    }

    /** Drift transactions from the Helius webhook, one entry per new signature (not per instrument). */
    public static StreamKey driftEvents() {
        return new StreamKey("onchain:drift:events", WEEK);
    }

    /** One summary entry per Drift liquidation-map scan (the map itself is at {@link #DRIFT_LIQ_MAP_LATEST}). */
    public static StreamKey driftLiqMap() {
        return new StreamKey("onchain:drift:liq_map", WEEK).withSilenceBudget(Duration.ofHours(2));
    }

    /** The latest Drift liquidation map, a JSON document replaced atomically with its summary entry. */
    public static final String DRIFT_LIQ_MAP_LATEST = "onchain:drift:liq_map:latest";

    /**
     * What the guards decided for an instrument: one entry per change of status, and at most one a second while it is
     * a breach. Written by the API, not a feed: no silence budget (a steady verdict writes nothing).
     */
    public static StreamKey guardDecisions(Instrument instrument) {
        return new StreamKey(
                "engine:guards:decisions:" + instrument.canonical().toLowerCase(Locale.ROOT), Duration.ofDays(30));
    }

    /**
     * Every stream this instrument has, for health, rollups and tooling: only those of the venues it is configured on,
     * since no task writes the others and their silence is not a fault.
     */
    public static List<StreamKey> all(Instrument instrument) {
        List<StreamKey> keys = new ArrayList<>();
        if (instrument.has(Venue.BINANCE)) {
            keys.addAll(List.of(trades(instrument), price(instrument), book(instrument)));
        }
        if (!liquidationVenues(instrument).isEmpty()) {
            keys.add(liquidations(instrument));
        }
        if (instrument.has(Venue.BYBIT)) {
            keys.addAll(List.of(funding(instrument), fundingSettled(instrument)));
        }
        if (instrument.has(Venue.OKX_USDC)) {
            keys.add(usdcTrades(instrument));
        }
        if (instrument.has(Venue.OKX_USDT)) {
            keys.add(okxUsdtTrades(instrument));
        }
        if (instrument.has(Venue.VELOCITY)) {
            keys.addAll(List.of(velocityBook(instrument), velocityFunding(instrument), velocityOracle(instrument)));
        }
        return List.copyOf(keys);
    }

    /** {@code velocity:sol-perp}: Velocity's streams are named by its market, as DESIGN §4 lists them. */
    private static String velocityPrefix(Instrument instrument) {
        return "velocity:" + instrument.symbol(Venue.VELOCITY).toLowerCase(Locale.ROOT);
    }

    private static String prefix(Instrument instrument, String quote) {
        return "market:" + instrument.canonical().toLowerCase(Locale.ROOT) + quote;
    }
}
