package perpwatch.archive;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * One archived dataset: which Redis streams feed it, its S3 path (DESIGN §6) and its Avro schema. Every stream
 * field is kept as the string Redis holds (decimals stay exact: no float ever rounds a price), followed by the
 * log metadata that makes rollups exactly-once: when the record was written, and its Kinesis shard and sequence.
 */
public enum Dataset {
    BARS(
            "market:(\\w+)usdt:trades",
            "binance/%sUSDT/trades",
            List.of(
                    "open",
                    "high",
                    "low",
                    "close",
                    "buy_vol",
                    "sell_vol",
                    "cvd",
                    "vwap",
                    "trades",
                    "ts",
                    "first_id",
                    "last_id",
                    "recv_ts",
                    "complete",
                    "missing_trades",
                    "revision")),
    PRICE("market:(\\w+)usdt:price", "binance/%sUSDT/price", List.of("price", "ts", "recv_ts")),
    BOOK("market:(\\w+)usdt:book", "binance/%sUSDT/book", RecordFields.BOOK_TOP),
    LIQUIDATIONS(
            "market:(\\w+)usdt:liquidations",
            "liquidations/%sUSDT",
            List.of("venue", "symbol", "side", "price", "quantity", "notional_usd", "ts", "recv_ts")),
    FUNDING(
            "market:(\\w+)usdt:funding",
            "bybit/%sUSDT/funding",
            // oi_value: rows written before oi_two_sided (their oi_notional was two-sided). New fields go last.
            List.of(
                    "symbol",
                    "oi_notional",
                    "oi_value",
                    "funding_rate",
                    "funding_rate_8h",
                    "funding_interval_h",
                    "funding_apr",
                    "next_funding_time",
                    "mark_price",
                    "ts",
                    "recv_ts",
                    "oi_two_sided",
                    "oi_ts")),
    /** Bybit's settled funding prints, one row per settlement time. */
    FUNDING_SETTLED("market:(\\w+)usdt:funding_settled", "bybit/%sUSDT/funding_settled", RecordFields.SETTLED_FUNDING),
    OKX_USDC_TRADES("market:(\\w+)usdc:trades", "okx/%sUSDC/trades", RecordFields.LAST_TRADE),
    OKX_USDT_TRADES("market:(\\w+)usdt:okx_trades", "okx/%sUSDT/trades", RecordFields.LAST_TRADE),
    /** Velocity's DLOB book (counted liquidity), the Binance book's fields, keyed by the venue's market name. */
    VELOCITY_BOOK("velocity:(\\w+)-perp:book", "velocity/%s-PERP/book", RecordFields.BOOK_TOP),
    /** Velocity's settled funding, one row per settlement, the fields of Bybit's settled prints. */
    VELOCITY_FUNDING("velocity:(\\w+)-perp:funding", "velocity/%s-PERP/funding", RecordFields.SETTLED_FUNDING),
    /** Velocity's oracle reads with the node's slot, one row a second (the slot lag is {@code slot - posted_slot}). */
    VELOCITY_ORACLE(
            "velocity:(\\w+)-perp:oracle",
            "velocity/%s-PERP/oracle",
            List.of("symbol", "price", "confidence", "posted_slot", "slot", "ts", "recv_ts")),
    DRIFT_EVENTS(
            "onchain:drift:events",
            "helius/drift",
            List.of("signature", "event_type", "account", "slot", "data", "timestamp", "ts", "recv_ts")),
    /** What the guards answered, on each change of status and at most once a second in breach (DESIGN §4). */
    GUARD_DECISIONS(
            "engine:guards:decisions:(\\w+)",
            "guards/%s/decisions",
            List.of(
                    "symbol",
                    "status",
                    "data_source",
                    "warnings",
                    "ages",
                    "states",
                    "thresholds_version",
                    "seq",
                    "instance",
                    "ts",
                    "recv_ts"));

    public static final String WRITTEN_MS = "_written_ms";
    public static final String SHARD = "_shard";
    public static final String SEQUENCE = "_sequence";
    /**
     * The producer's record id ({@link perpwatch.core.kinesis.LogRecord#id()}); absent in rows written before it
     * existed.
     */
    public static final String RECORD_ID = "_rid";

    private final Pattern stream;
    private final String pathFormat;
    private final List<String> fields;
    private final Schema schema;

    Dataset(String streamPattern, String pathFormat, List<String> fields) {
        this.stream = Pattern.compile(streamPattern);
        this.pathFormat = pathFormat;
        this.fields = fields;
        SchemaBuilder.FieldAssembler<Schema> record = SchemaBuilder.record(name().toLowerCase(Locale.ROOT))
                .namespace("perpwatch.archive")
                .fields();
        for (String field : fields) {
            // Optional: a field added to a stream later must not make older rows unreadable.
            record = record.optionalString(field);
        }
        this.schema = record.requiredLong(WRITTEN_MS)
                .requiredString(SHARD)
                .requiredString(SEQUENCE)
                .optionalString(RECORD_ID)
                .endRecord();
    }

    public List<String> fields() {
        return fields;
    }

    public Schema schema() {
        return schema;
    }

    /**
     * The dataset and S3 path of a Redis stream key, e.g. {@code market:solusdt:book} → BOOK, {@code
     * binance/SOLUSDT/book}.
     */
    public static Optional<Located> locate(String streamKey) {
        for (Dataset dataset : values()) {
            Matcher m = dataset.stream.matcher(streamKey);
            if (m.matches()) {
                String path = m.groupCount() == 0
                        ? dataset.pathFormat
                        : String.format(dataset.pathFormat, m.group(1).toUpperCase(Locale.ROOT));
                return Optional.of(new Located(dataset, path));
            }
        }
        return Optional.empty();
    }

    /** A dataset with the S3 path of one instrument's stream. */
    public record Located(Dataset dataset, String path) {
        /** The Redis stream this path archives, e.g. {@code binance/SOLUSDT/book} → {@code market:solusdt:book}. */
        public String streamKey() {
            Matcher m =
                    Pattern.compile(dataset.pathFormat.replace("%s", "(\\w+)")).matcher(path);
            if (!m.matches()) {
                throw new IllegalArgumentException(path + " is not a path of " + dataset);
            }
            String pattern = dataset.stream.pattern();
            return m.groupCount() == 0
                    ? pattern
                    : pattern.replace("(\\w+)", m.group(1).toLowerCase(Locale.ROOT));
        }
    }

    /** The dataset whose S3 paths look like {@code path}. */
    public static Optional<Located> forPath(String path) {
        for (Dataset dataset : values()) {
            if (path.matches(dataset.pathFormat.replace("%s", "\\w+"))) {
                return Optional.of(new Located(dataset, path));
            }
        }
        return Optional.empty();
    }
}
