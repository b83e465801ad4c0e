package perpwatch.feeds.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.solana.Base58;

class DriftDecodersTest {
    @Test
    void oneHundredRealMainnetUsersDecode() throws Exception {
        JsonNode dumps = new ObjectMapper()
                .readTree(Fixtures.path("drift/user_accounts_base64.json").toFile());
        assertEquals(100, dumps.size());
        int withPerp = 0;
        int withSpot = 0;
        for (JsonNode dump : dumps) {
            byte[] data = Base64.getDecoder().decode(dump.asText());
            DriftUser user = ProgramProfile.DRIFT_V2.decoders().user(data);
            assertEquals(32, Base58.decode(user.authority()).length, "authority is a 32-byte key");
            assertTrue(user.subAccountId() < 1_000, "sub-account id " + user.subAccountId());
            assertTrue(
                    user.lastActiveSlot() == 0
                            || user.lastActiveSlot() > 100_000_000L && user.lastActiveSlot() < 400_000_000L,
                    "slot " + user.lastActiveSlot());
            for (PerpPosition p : user.perpPositions()) {
                assertTrue(p.marketIndex() < 200, "perp market " + p.marketIndex());
                if (p.baseAssetAmount() != 0) {
                    // Entry notional has the opposite sign of a fresh position's base (the user paid for a long).
                    assertTrue(Long.signum(p.quoteEntryAmount()) == -Long.signum(p.baseAssetAmount())
                            || p.quoteEntryAmount() == 0);
                }
            }
            for (SpotPosition s : user.spotPositions()) {
                assertTrue(s.marketIndex() < 200, "spot market " + s.marketIndex());
            }
            withPerp += user.perpPositions().stream().anyMatch(PerpPosition::active) ? 1 : 0;
            withSpot += user.spotPositions().stream().anyMatch(SpotPosition::active) ? 1 : 0;
            for (int market = 0; market < 40; market++) {
                int m = market;
                boolean expected =
                        user.perpPositions().stream().anyMatch(p -> p.marketIndex() == m && p.baseAssetAmount() != 0);
                assertEquals(
                        expected,
                        ProgramProfile.DRIFT_V2.decoders().hasPerpPosition(data, market),
                        "pre-filter agrees with the decoder, market " + market);
            }
        }
        assertTrue(
                withPerp > 0 && withSpot > 0,
                "the sample holds perp and spot positions: " + withPerp + ", " + withSpot);
    }

    @Test
    void writtenAccountsReadBackField_forField() {
        DriftUser user = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000_000_000_000L), DriftFixtures.solSpot(5_000_000_000L, true)),
                List.of(
                        DriftFixtures.perp(0, 10_000_000_000L, -1_500_000_000L),
                        DriftFixtures.perp(1, -2_000_000_000L, 60_000_000_000L)));
        assertEquals(user, ProgramProfile.DRIFT_V2.decoders().user(DriftAccountEncoder.user(user)));
        PerpMarketAccount sol = DriftFixtures.solPerp();
        assertEquals(sol, ProgramProfile.DRIFT_V2.decoders().perpMarket(DriftAccountEncoder.perpMarket(sol)));
        SpotMarketAccount usdc = DriftFixtures.usdcSpot();
        assertEquals(usdc, ProgramProfile.DRIFT_V2.decoders().spotMarket(DriftAccountEncoder.spotMarket(usdc)));
    }

    @Test
    void wrongAccountsAreRefusedWithTheReason() {
        byte[] market = DriftAccountEncoder.perpMarket(DriftFixtures.solPerp());
        byte[] shortUser = new byte[100];
        System.arraycopy(DriftLayout.USER_DISCRIMINATOR, 0, shortUser, 0, 8);
        DriftDecodeException e = assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.DRIFT_V2.decoders().user(shortUser));
        assertTrue(e.getMessage().contains("100 bytes"), e.getMessage());
        byte[] notAUser = new byte[DriftLayout.User.SIZE];
        System.arraycopy(market, 0, notAUser, 0, 8);
        e = assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.DRIFT_V2.decoders().user(notAUser));
        assertTrue(e.getMessage().contains("discriminator"), e.getMessage());
        assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.DRIFT_V2.decoders().spotMarket(market));
        assertFalse(ProgramProfile.DRIFT_V2
                .decoders()
                .hasPerpPosition(DriftAccountEncoder.user(DriftFixtures.user(List.of(), List.of())), 0));
    }

    @Test
    void oraclesInPricePrecision() {
        assertEquals(
                142_123_456L,
                ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(
                                OracleDecoder.PYTH_PULL,
                                DriftAccountEncoder.priceUpdateV2(
                                        14_212_345_678L, -8, 1_764_000_000L, 300_000_000L, true))
                        .price());
        OraclePrice partial = ProgramProfile.DRIFT_V2
                .decoders()
                .oracle(
                        OracleDecoder.PYTH_PULL,
                        DriftAccountEncoder.priceUpdateV2(14_212_345_678L, -8, 1_764_000_000L, 300_000_000L, false));
        assertEquals(142_123_456L, partial.price(), "a Partial verification level shifts the message by one byte");
        assertEquals(1_764_000_000L, partial.publishTime());
        assertEquals(300_000_000L, partial.slot());
        assertEquals(
                1_000_012L,
                ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(OracleDecoder.PYTH_LAZER, DriftAccountEncoder.pythLazer(100_001_234L, -8, 1L, 2L))
                        .price());
        assertEquals(
                21_000_000L,
                ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(
                                OracleDecoder.PYTH_1K_PULL,
                                DriftAccountEncoder.priceUpdateV2(2_100_000L, -8, 1L, 2L, true))
                        .price(),
                "1K feeds quote a thousand units: 0.021 USD each → 21 USD");
        assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.DRIFT_V2.decoders().oracle(1, new byte[200]),
                "Switchboard is not decoded");
        assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.DRIFT_V2.decoders().oracle(OracleDecoder.PYTH_PULL, new byte[20]));
        // Found by DriftAccountFuzzTest: a corrupt exponent once sent BigInteger.pow into a minutes-long loop.
        assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(
                                OracleDecoder.PYTH_LAZER,
                                DriftAccountEncoder.pythLazer(100_001_234L, Integer.MIN_VALUE, 1L, 2L)));
        assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(
                                OracleDecoder.PYTH_PULL,
                                DriftAccountEncoder.priceUpdateV2(14_212_345_678L, 1_900_000_000, 1L, 2L, true)));
        // An exponent in range with a raw value that overflows a price: the typed refusal, not an ArithmeticException
        // (which the oracle reader would count as its own bug rather than as an undecodable oracle).
        DriftDecodeException overflow = assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(
                                OracleDecoder.PYTH_LAZER,
                                DriftAccountEncoder.pythLazer(Long.MAX_VALUE / 3, 20, 1L, 2L)));
        assertEquals(DriftDecodeException.Fault.ORACLE_EXPONENT, overflow.fault());
        assertThrows(
                DriftDecodeException.class,
                () -> ProgramProfile.VELOCITY
                        .decoders()
                        .oracle(OracleDecoder.PYTH_LAZER, DriftAccountEncoder.pythLazer(Long.MIN_VALUE, 0, 1L, 2L)));
    }

    @Test
    void base58RoundTrips() {
        byte[] key = Base58.decode(DriftLayout.PROGRAM_ID);
        assertEquals(32, key.length);
        assertEquals(DriftLayout.PROGRAM_ID, Base58.encode(key));
        assertEquals("TfwwBiNJtao", Base58.encode(DriftLayout.USER_DISCRIMINATOR), "the SDK's memcmp bytes for User");
        assertEquals("1", Base58.encode(new byte[] {0}));
        assertEquals(BigInteger.ZERO, new BigInteger(1, Base58.decode("1111")));
    }
}
