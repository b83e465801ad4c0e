package perpwatch.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.onchain.VelocityAccountEncoder;

/**
 * The inputs every side of the peers bench reads, built once from the recorded fixtures and written to the work
 * directory so the Node side reads the very same bytes:
 * <ul>
 *   <li>{@code aggtrade.jsonl}: the 40 recorded SUSHIUSDT {@code aggTrade} frames (combined-stream wrapper), repeated
 *       with {@code a}, {@code f}, {@code l} and {@code E}, {@code T} shifted by one recording's span per copy, so ids
 *       and times keep rising; nothing else in the text changes;</li>
 *   <li>{@code depth.jsonl}: the 252 recorded {@code depth@100ms} frames that apply after the REST snapshot, repeated
 *       with {@code U}, {@code u}, {@code pu} shifted so the pu chain holds across copies (levels are absolute, so a
 *       repeat leaves the book as the first copy did); {@code depth-snapshot.json} is the recorded snapshot;</li>
 *   <li>{@code drift-users.json}: the 100 real Drift User dumps, as recorded;</li>
 *   <li>{@code velocity-users.json}: the same 100 users re-encoded at Velocity's current 4,560-byte User layout by
 *       {@code VelocityAccountEncoder}, as the tests build Velocity accounts.</li>
 * </ul>
 */
public final class PeerInputs {
    /** The first recorded depth frame that applies to the snapshot (frames 0-2 are older; see SOURCES.md). */
    static final int FIRST_APPLICABLE_DEPTH_FRAME = 3;

    final List<String> aggTrades;
    final List<String> depthFrames;
    final String depthSnapshot;
    final List<byte[]> driftUsers;
    final List<byte[]> velocityUsers;

    private PeerInputs(
            List<String> aggTrades,
            List<String> depthFrames,
            String depthSnapshot,
            List<byte[]> driftUsers,
            List<byte[]> velocityUsers) {
        this.aggTrades = aggTrades;
        this.depthFrames = depthFrames;
        this.depthSnapshot = depthSnapshot;
        this.driftUsers = driftUsers;
        this.velocityUsers = velocityUsers;
    }

    static PeerInputs build(Path fixtures, int tradeCopies, int depthCopies) throws IOException {
        List<String> trades = Files.readAllLines(fixtures.resolve("binance/aggTrade_SUSHIUSDT_combined.jsonl"));
        trades.removeIf(String::isBlank);
        List<String> depth =
                Files.readAllLines(fixtures.resolve("binance/depth_update_100ms_SUSHIUSDT_combined.jsonl"));
        depth.removeIf(String::isBlank);
        depth = depth.subList(FIRST_APPLICABLE_DEPTH_FRAME, depth.size());
        String snapshot = Files.readString(fixtures.resolve("binance/depth_snapshot_rest_SUSHIUSDT_limit1000.json"));
        List<byte[]> drift = new ArrayList<>();
        for (JsonNode dump : new ObjectMapper()
                .readTree(fixtures.resolve("drift/user_accounts_base64.json").toFile())) {
            drift.add(Base64.getDecoder().decode(dump.asText()));
        }
        List<byte[]> velocity = new ArrayList<>();
        for (byte[] data : drift) {
            DriftUser user = ProgramProfile.DRIFT_V2.decoders().user(data);
            velocity.add(VelocityAccountEncoder.user(user, VelocityAccountEncoder.USER_CURRENT));
        }
        return new PeerInputs(
                repeatTrades(trades, tradeCopies), repeatDepth(depth, depthCopies), snapshot, drift, velocity);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("aggtrade.jsonl"), aggTrades, StandardCharsets.UTF_8);
        Files.write(dir.resolve("depth.jsonl"), depthFrames, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("depth-snapshot.json"), depthSnapshot);
        ObjectMapper json = new ObjectMapper();
        json.writeValue(dir.resolve("drift-users.json").toFile(), base64(driftUsers));
        json.writeValue(dir.resolve("velocity-users.json").toFile(), base64(velocityUsers));
    }

    private static List<String> base64(List<byte[]> accounts) {
        return accounts.stream().map(a -> Base64.getEncoder().encodeToString(a)).toList();
    }

    static List<String> repeatTrades(List<String> frames, int copies) {
        long aggSpan = field(last(frames), "a") - field(frames.get(0), "a") + 1;
        long tradeSpan = field(last(frames), "l") - field(frames.get(0), "f") + 1;
        long timeSpan = field(last(frames), "E") - field(frames.get(0), "E") + 1_000;
        List<String> out = new ArrayList<>(frames.size() * copies);
        for (int k = 0; k < copies; k++) {
            for (String frame : frames) {
                String f = shift(frame, "a", k * aggSpan);
                f = shift(f, "f", k * tradeSpan);
                f = shift(f, "l", k * tradeSpan);
                f = shift(f, "E", k * timeSpan);
                out.add(shift(f, "T", k * timeSpan));
            }
        }
        return out;
    }

    static List<String> repeatDepth(List<String> frames, int copies) {
        long idSpan = field(last(frames), "u") - field(frames.get(0), "pu");
        long timeSpan = field(last(frames), "E") - field(frames.get(0), "E") + 100;
        List<String> out = new ArrayList<>(frames.size() * copies);
        for (int k = 0; k < copies; k++) {
            for (String frame : frames) {
                String f = shift(frame, "U", k * idSpan);
                f = shift(f, "u", k * idSpan);
                f = shift(f, "pu", k * idSpan);
                f = shift(f, "E", k * timeSpan);
                out.add(shift(f, "T", k * timeSpan));
            }
        }
        return out;
    }

    private static String last(List<String> frames) {
        return frames.get(frames.size() - 1);
    }

    private static Pattern key(String name) {
        return Pattern.compile("\"" + name + "\":(\\d+)");
    }

    static long field(String frame, String name) {
        Matcher m = key(name).matcher(frame);
        if (!m.find()) {
            throw new IllegalArgumentException("no numeric \"" + name + "\" in " + frame);
        }
        return Long.parseLong(m.group(1));
    }

    private static String shift(String frame, String name, long by) {
        Matcher m = key(name).matcher(frame);
        if (!m.find()) {
            throw new IllegalArgumentException("no numeric \"" + name + "\" in " + frame);
        }
        long value = Long.parseLong(m.group(1)) + by;
        return frame.substring(0, m.start(1)) + value + frame.substring(m.end(1));
    }
}
