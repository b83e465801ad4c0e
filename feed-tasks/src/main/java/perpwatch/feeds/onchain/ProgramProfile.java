package perpwatch.feeds.onchain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The on-chain program the liquidation map scans ({@code PERPWATCH_ONCHAIN_PROGRAM}): its id, its account tables and
 * enum values, its quote market and oracle kinds, and its off-chain data-API and DLOB hosts. Only this package knows
 * the difference between the two; the scanner asks the profile for decoders and ids.
 */
public enum ProgramProfile {
    /** Drift's relaunch: the live program. SOL-PERP is market 0, quoted in USDT (spot 0), priced by Pyth Lazer. */
    VELOCITY(
            "velocity",
            VelocityLayout.PROGRAM_ID,
            "USDT",
            new ProgramDecoders(
                    VelocityLayout.ACCOUNTS,
                    VelocityLayout.MARKET_STATUS,
                    Set.of(
                            OracleDecoder.PYTH_LAZER,
                            OracleDecoder.PYTH_LAZER_1K,
                            OracleDecoder.PYTH_LAZER_1M,
                            OracleDecoder.PYTH_LAZER_STABLE_COIN),
                    MarginRules.VELOCITY),
            "https://data.velocity.exchange",
            "https://dlob.velocity.exchange"),
    /** Drift v2: drained on 2026-04-01 and paused; its Users hold frozen positions. */
    DRIFT_V2(
            "drift-v2",
            DriftLayout.PROGRAM_ID,
            "USDC",
            new ProgramDecoders(
                    DriftLayout.ACCOUNTS,
                    DriftLayout.MARKET_STATUS,
                    Set.of(
                            OracleDecoder.QUOTE_ASSET,
                            OracleDecoder.PYTH_PULL,
                            OracleDecoder.PYTH_1K_PULL,
                            OracleDecoder.PYTH_1M_PULL,
                            OracleDecoder.PYTH_STABLE_COIN_PULL,
                            OracleDecoder.PYTH_LAZER,
                            OracleDecoder.PYTH_LAZER_1K,
                            OracleDecoder.PYTH_LAZER_1M,
                            OracleDecoder.PYTH_LAZER_STABLE_COIN),
                    MarginRules.DRIFT_V2),
            "https://data.api.drift.trade",
            "https://dlob.drift.trade");

    /** Both programs settle PnL in spot market 0. */
    public static final int QUOTE_SPOT_MARKET = 0;

    private final String configName;
    private final String programId;
    private final String quoteAsset;
    private final ProgramDecoders decoders;
    private final String dataApi;
    private final String dlob;

    ProgramProfile(
            String configName,
            String programId,
            String quoteAsset,
            ProgramDecoders decoders,
            String dataApi,
            String dlob) {
        this.configName = configName;
        this.programId = programId;
        this.quoteAsset = quoteAsset;
        this.decoders = decoders;
        this.dataApi = dataApi;
        this.dlob = dlob;
    }

    /** {@code velocity} or {@code drift-v2}; anything else is a configuration error naming the choices. */
    public static ProgramProfile parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.configName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("PERPWATCH_ONCHAIN_PROGRAM must be one of "
                        + Arrays.stream(values()).map(p -> p.configName).toList() + ", not '" + name + "'"));
    }

    public String configName() {
        return configName;
    }

    public String programId() {
        return programId;
    }

    public String quoteAsset() {
        return quoteAsset;
    }

    public ProgramDecoders decoders() {
        return decoders;
    }

    public String dataApi() {
        return dataApi;
    }

    public String dlob() {
        return dlob;
    }
}
