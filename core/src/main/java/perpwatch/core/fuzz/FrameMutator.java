package perpwatch.core.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of real frames (used by the fuzz tests and the hardening harness): what a flaky link, a buggy venue
 * or an attacker sends. Each mutant keeps most of
 * the frame, so it gets past the first checks and reaches the deep parsing code.
 */
public final class FrameMutator {
    private static final List<String> SPLICES = List.of(
            "",
            "null",
            "\"\"",
            "\"abc\"",
            "-1",
            "1e309",
            "NaN",
            "99999999999999999999999999",
            "{}",
            "[]",
            "[[[[[[[[",
            "\"\\u0000\"",
            "true",
            "0.0000000000000000000001",
            "-0",
            "\"-\"",
            "9223372036854775808");
    private final Random random;

    public FrameMutator(long seed) {
        this.random = new Random(seed);
    }

    public String mutate(String frame) {
        if (frame.isEmpty()) {
            return SPLICES.get(random.nextInt(SPLICES.size()));
        }
        int at = random.nextInt(frame.length());
        switch (random.nextInt(8)) {
            case 0:
                return frame.substring(0, at); // cut off
            case 1:
                return frame.substring(0, at)
                        + frame.substring(Math.min(frame.length(), at + 1 + random.nextInt(8))); // bytes lost
            case 2:
                return frame.substring(0, at)
                        + (char) (32 + random.nextInt(95))
                        + frame.substring(at + 1); // a byte flipped
            case 3:
                return replaceValue(frame, SPLICES.get(random.nextInt(SPLICES.size()))); // a value of the wrong kind
            case 4:
                return frame.substring(0, at) + frame.substring(random.nextInt(frame.length())); // spliced with itself
            case 5:
                return frame.replace("\"", random.nextBoolean() ? "" : "'");
            case 6:
                return frame.substring(0, at) + SPLICES.get(random.nextInt(SPLICES.size())) + frame.substring(at);
            default:
                return mutate(mutate(frame));
        }
    }

    /** Replaces one JSON value (after a ':') with {@code value}. */
    private String replaceValue(String frame, String value) {
        int colon = frame.indexOf(':', random.nextInt(frame.length()));
        if (colon < 0) {
            return value;
        }
        int end = colon + 1;
        if (end < frame.length() && frame.charAt(end) == '"') {
            int close = frame.indexOf('"', end + 1);
            end = close < 0 ? frame.length() : close + 1;
        } else {
            while (end < frame.length() && ",}]".indexOf(frame.charAt(end)) < 0) {
                end++;
            }
        }
        return frame.substring(0, colon + 1) + value + frame.substring(end);
    }
}
