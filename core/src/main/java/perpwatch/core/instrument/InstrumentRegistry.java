package perpwatch.core.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * The instruments this deployment watches. Instruments are configuration, not code: the default is SOL on every
 * venue, and {@code PERPWATCH_INSTRUMENTS} (inline JSON array or a path to a JSON file) replaces the list. A row is a
 * canonical name and one key per venue it is watched on ({@code binance}, {@code okx_usdt}, {@code okx_usdc},
 * {@code bybit}, {@code velocity}); a venue left out is not run for it. A venue's value is its symbol, or an object
 * with {@code symbol} and optionally {@code quote}, {@code contract_value} and (Velocity only, required there)
 * {@code market_index}, e.g. {@code [{"canonical":"BTC","binance":"BTCUSDT","bybit":"BTCUSDT",
 * "velocity":{"symbol":"BTC-PERP","market_index":1}}]}. The older {@code "drift_perp_market": n} still means a
 * Velocity listing {@code <CANONICAL>-PERP} at index n.
 */
public final class InstrumentRegistry {
    public static final String ENV = "PERPWATCH_INSTRUMENTS";
    private static final String LEGACY_DRIFT_MARKET = "drift_perp_market";
    private static final List<String> LISTING_KEYS = List.of("symbol", "quote", "contract_value", "market_index");

    private final Map<String, Instrument> byCanonical;

    public InstrumentRegistry(List<Instrument> instruments) {
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("instrument registry is empty");
        }
        Map<String, Instrument> map = new LinkedHashMap<>();
        for (Instrument instrument : instruments) {
            if (map.put(instrument.canonical(), instrument) != null) {
                throw new IllegalArgumentException("instrument " + instrument.canonical() + " is listed twice");
            }
        }
        // Configuration order, so tasks, logs and health list the instruments as the operator wrote them.
        this.byCanonical = Collections.unmodifiableMap(map);
    }

    public static InstrumentRegistry defaults() {
        return new InstrumentRegistry(List.of(Instrument.sol()));
    }

    public static InstrumentRegistry fromEnv(Env env) {
        String value = env.string(ENV, null);
        if (value == null) {
            return defaults();
        }
        try {
            String json = value.startsWith("[") ? value : Files.readString(Path.of(value));
            return new InstrumentRegistry(parse(json));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    ENV + ": cannot read instruments from '" + value + "': " + e.getMessage(), e);
        }
    }

    static List<Instrument> parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of instruments");
        }
        List<Instrument> list = new ArrayList<>();
        for (JsonNode row : root) {
            list.add(row(row));
        }
        return list;
    }

    /**
     * One row: {@code canonical} and one key per venue it is watched on. Any other key is refused: a misspelt venue
     * would otherwise leave that venue silently unwatched.
     */
    private static Instrument row(JsonNode row) {
        if (!row.isObject()) {
            throw new IllegalArgumentException("an instrument row is a JSON object: " + row);
        }
        Instrument.Builder builder = Instrument.builder(required(row, "canonical"));
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("canonical") || value.isNull()) {
                continue;
            }
            if (key.equals(LEGACY_DRIFT_MARKET)) {
                // The row format before venues were a map: -1 meant "not on Velocity".
                int index = value.asInt(-1);
                if (index >= 0) {
                    builder.on(
                            Venue.VELOCITY,
                            Listing.velocity(required(row, "canonical").toUpperCase(Locale.ROOT) + "-PERP", index));
                }
                continue;
            }
            Venue venue = Venue.fromKey(key)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown key '" + key + "' in instrument row " + row + "; venues: " + Venue.keys()));
            builder.on(venue, listing(venue, value, row));
        }
        return builder.build();
    }

    /** A venue's value: its symbol as a string, or an object with {@code symbol} and optional metadata. */
    private static Listing listing(Venue venue, JsonNode value, JsonNode row) {
        if (value.isTextual()) {
            if (venue == Venue.VELOCITY) {
                throw new IllegalArgumentException("velocity needs {\"symbol\":…,\"market_index\":…}: " + row);
            }
            return Listing.of(venue, value.asText());
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(venue + " is a symbol or an object: " + row);
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LISTING_KEYS.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown key '" + name + "' in " + venue + " of " + row + "; keys: " + LISTING_KEYS);
            }
        }
        JsonNode contractValue = value.get("contract_value");
        JsonNode marketIndex = value.get("market_index");
        return new Listing(
                required(value, "symbol"),
                value.path("quote").asText(venue.defaultQuote()),
                contractValue == null || contractValue.isNull() ? null : new BigDecimal(contractValue.asText()),
                marketIndex == null || marketIndex.isNull() ? null : marketIndex.asInt());
    }

    private static String required(JsonNode row, String field) {
        JsonNode node = row.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("instrument row needs a '" + field + "' string: " + row);
        }
        return node.asText();
    }

    /** Looks a symbol up case-insensitively ({@code sol} and {@code SOL} are the same instrument). */
    public Optional<Instrument> find(String canonical) {
        return canonical == null
                ? Optional.empty()
                : Optional.ofNullable(byCanonical.get(canonical.toUpperCase(Locale.ROOT)));
    }

    public Instrument require(String canonical) {
        return find(canonical)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown instrument '" + canonical + "'; known: " + byCanonical.keySet()));
    }

    public List<Instrument> all() {
        return List.copyOf(byCanonical.values());
    }
}
