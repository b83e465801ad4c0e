package perpwatch.feeds.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.onchain.DriftDecodeException;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.LiquidationPriceCalculator;
import perpwatch.feeds.onchain.MarketContext;
import perpwatch.feeds.onchain.OracleKey;
import perpwatch.feeds.onchain.OraclePrice;
import perpwatch.feeds.onchain.PerpMarketAccount;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.onchain.SpotMarketAccount;

/**
 * Corrupted account data (bytes flipped, cut short, garbage of the right size) through the decoders and the margin
 * math. What the scanner may meet is a {@link DriftDecodeException} or an {@link ArithmeticException} (it counts both
 * as an unreadable account); anything else would abort a whole scan.
 */
class DriftAccountFuzzTest {
    @Test
    void corruptedAccountsAreCountedNotFatal() throws Exception {
        JsonNode golden;
        try (var in = getClass().getResourceAsStream("/drift/golden/vectors.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        List<byte[]> users = new ArrayList<>();
        golden.path("vectors")
                .forEach(
                        v -> users.add(Base64.getDecoder().decode(v.path("user").asText())));
        new ObjectMapper()
                .readTree(Fixtures.path("drift/user_accounts_base64.json").toFile())
                .forEach(v -> users.add(Base64.getDecoder().decode(v.asText())));
        byte[] perp =
                Base64.getDecoder().decode(golden.path("perp_markets").get(0).asText());
        byte[] spot =
                Base64.getDecoder().decode(golden.path("spot_markets").get(1).asText());

        Random random = new Random(11);
        LiquidationPriceCalculator calculator = new LiquidationPriceCalculator();
        int cases = 0;
        for (int round = 0; round < 40; round++) {
            PerpMarketAccount sol;
            SpotMarketAccount solSpot;
            try {
                sol = ProgramProfile.DRIFT_V2.decoders().perpMarket(corrupt(perp, random, 40));
                solSpot = ProgramProfile.DRIFT_V2.decoders().spotMarket(corrupt(spot, random, 40));
            } catch (DriftDecodeException refused) {
                // a corrupted status byte refuses the market (the scanner skips it, and a missing SOL-PERP fails the
                // scan)
                cases++;
                continue;
            }
            SpotMarketAccount usdc = ProgramProfile.DRIFT_V2
                    .decoders()
                    .spotMarket(Base64.getDecoder()
                            .decode(golden.path("spot_markets").get(0).asText()));
            MarketContext ctx = new MarketContext(
                    Map.of(0, sol),
                    Map.of(0, usdc, 1, solSpot),
                    Map.of(
                            new OracleKey(usdc.oracle(), usdc.oracleSource()),
                            new OraclePrice(1_000_000, 0, 0, OraclePrice.Source.ORACLE_ACCOUNT)));
            for (byte[] account : users) {
                byte[] data = corrupt(account, random, 1 + random.nextInt(64));
                cases++;
                try {
                    if (ProgramProfile.DRIFT_V2.decoders().hasPerpPosition(data, 0)) {
                        DriftUser user = ProgramProfile.DRIFT_V2.decoders().user(data);
                        calculator.evaluate("fuzz", user, 0, ctx);
                    }
                } catch (DriftDecodeException | ArithmeticException counted) {
                    // the scanner counts these as unreadable accounts
                }
            }
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            for (int source = 0; source < 16; source++) {
                cases++;
                try {
                    ProgramProfile.DRIFT_V2.decoders().oracle(source, garbage);
                } catch (DriftDecodeException | ArithmeticException counted) {
                    // an oracle that cannot be read: the market's cached price stands in
                }
            }
        }
        assertTrue(cases >= 4_000, "cases: " + cases);
    }

    /** Flips {@code flips} random bytes after the discriminator (so the account still claims to be what it was). */
    private static byte[] corrupt(byte[] data, Random random, int flips) {
        byte[] out = data.clone();
        for (int i = 0; i < flips; i++) {
            out[8 + random.nextInt(out.length - 8)] = (byte) random.nextInt(256);
        }
        return out;
    }
}
