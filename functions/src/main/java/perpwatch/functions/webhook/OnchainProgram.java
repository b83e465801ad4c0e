package perpwatch.functions.webhook;

import java.util.Arrays;
import java.util.Locale;

/**
 * The on-chain programs whose transactions the webhook stores, by the same names and ids as the feed tasks' program
 * profiles ({@code PERPWATCH_ONCHAIN_PROGRAM}); the local cloud's tests hold the two lists equal. Velocity is the
 * live program; Drift v2 is paused since its drain, and still accepted so anything it does is recorded.
 */
public enum OnchainProgram {
    VELOCITY("velocity", "vELoC1audYbSYVRXn1vPaV8Axoa9oU6BYmNGZZBDZ1P"),
    DRIFT_V2("drift-v2", "dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH");

    private final String configName;
    private final String programId;

    OnchainProgram(String configName, String programId) {
        this.configName = configName;
        this.programId = programId;
    }

    public String configName() {
        return configName;
    }

    public String programId() {
        return programId;
    }

    public static OnchainProgram parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.configName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("PERPWATCH_HELIUS_PROGRAMS names "
                        + Arrays.stream(values()).map(p -> p.configName).toList() + ", not '" + name + "'"));
    }
}
