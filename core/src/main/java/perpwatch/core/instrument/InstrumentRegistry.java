package perpwatch.core.instrument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * The instruments this deployment watches. Instruments are configuration, not code: the default is SOL
 * alone, and {@code PERPWATCH_INSTRUMENTS} (inline JSON array or a path to a JSON file) adds or replaces
 * rows, e.g. {@code [{"canonical":"BTC","binance":"BTCUSDT","okx_usdt":"BTC-USDT-SWAP",
 * "okx_usdc":"BTC-USDC-SWAP","bybit":"BTCUSDT","drift_perp_market":1}]}.
 */
public final class InstrumentRegistry {
    public static final String ENV = "PERPWATCH_INSTRUMENTS";

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
        this.byCanonical = Map.copyOf(map);
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
            list.add(new Instrument(
                    required(row, "canonical"),
                    required(row, "binance"),
                    row.path("okx_usdt").asText(null),
                    row.path("okx_usdc").asText(null),
                    row.path("bybit").asText(null),
                    row.path("drift_perp_market").asInt(-1)));
        }
        return list;
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
