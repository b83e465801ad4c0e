package perpwatch.feeds.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Velocity accounts written field by field at the table's offsets, read back by the profile's decoders. */
class VelocityDecodersTest {
    private static final ProgramDecoders VELOCITY = ProgramProfile.VELOCITY.decoders();

    private static ByteBuffer account(int size, byte[] discriminator) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(discriminator);
        return b;
    }

    /** A SOL-PERP long in slot 2 with 300 open orders (only a u16 holds it) in the given User layout. */
    private static byte[] user(UserLayout l) {
        ByteBuffer b = account(l.size(), Discriminators.USER);
        int slot = l.perpPositions() + 2 * l.perp().size();
        b.putShort(slot + l.perp().marketIndex(), (short) 0);
        b.putLong(slot + l.perp().baseAssetAmount(), 5_000_000_000L);
        b.putLong(slot + l.perp().quoteAssetAmount(), -700_000_000L);
        if (l.perp().openOrdersWidth() == 2) {
            b.putShort(slot + l.perp().openOrders(), (short) 300);
        } else {
            b.put(slot + l.perp().openOrders(), (byte) 3);
        }
        b.put(slot + l.perp().positionFlag(), (byte) PerpPosition.FLAG_ISOLATED);
        b.putLong(slot + l.perp().isolatedPositionScaledBalance(), 250_000_000_000L);
        for (int i = 0; i < 8; i++) {
            b.putShort(l.perpPositions() + i * l.perp().size() + l.perp().marketIndex(), (short) (i == 2 ? 0 : 7));
        }
        b.putShort(l.subAccountId(), (short) 4);
        b.put(l.status(), (byte) 0b0010_0000);
        return b.array();
    }

    @Test
    void bothUserLayoutsDecodeByTheirSize() {
        DriftUser current = VELOCITY.user(user(VelocityLayout.USER_4560));
        PerpPosition p = current.perpPosition(0).orElseThrow();
        assertEquals(5_000_000_000L, p.baseAssetAmount());
        assertEquals(-700_000_000L, p.quoteAssetAmount());
        assertEquals(300, p.openOrders(), "the 4,560-byte layout's u16 counter");
        assertTrue(p.isolated());
        assertEquals(BigInteger.valueOf(250_000_000_000L), p.isolatedPositionScaledBalance(), "its own collateral");
        assertEquals(MarginRules.VELOCITY, current.marginRules(), "the decoder stamps its program's rules");
        assertEquals(4, current.subAccountId());
        assertEquals(0b0010_0000, current.status(), "VaultOwned");
        assertEquals(DriftUser.MARGIN_MODE_DEFAULT, current.marginMode(), "Velocity has no margin mode");

        DriftUser older = VELOCITY.user(user(VelocityLayout.USER_4496));
        assertEquals(3, older.perpPosition(0).orElseThrow().openOrders());
        assertEquals(
                BigInteger.valueOf(250_000_000_000L),
                older.perpPosition(0).orElseThrow().isolatedPositionScaledBalance());
        assertTrue(VELOCITY.hasPerpPosition(user(VelocityLayout.USER_4496), 0));
        assertFalse(VELOCITY.hasPerpPosition(user(VelocityLayout.USER_4560), 1));
    }

    @Test
    void anAccountOfUnknownSizeIsRefusedNotGuessed() {
        byte[] grown = java.util.Arrays.copyOf(user(VelocityLayout.USER_4560), 4624);
        DriftDecodeException e = assertThrows(DriftDecodeException.class, () -> VELOCITY.hasPerpPosition(grown, 0));
        assertTrue(e.getMessage().contains("4624 bytes is no known layout"), e.getMessage());
        byte[] driftUser = new byte[DriftLayout.User.SIZE];
        System.arraycopy(Discriminators.USER, 0, driftUser, 0, 8);
        assertThrows(
                DriftDecodeException.class,
                () -> VELOCITY.user(driftUser),
                "a frozen Drift-size User is not a Velocity one");
    }

    @Test
    void perpMarketReadsVelocityStatusesAndRefusesUnknownOnes() {
        PerpMarketLayout l = VelocityLayout.ACCOUNTS.perpMarket(new byte[1560]);
        ByteBuffer b = account(1560, Discriminators.PERP_MARKET);
        b.putShort(l.marketIndex(), (short) 0);
        b.put(l.status(), (byte) 3);
        b.put(l.oracleSource(), (byte) OracleDecoder.PYTH_LAZER);
        b.putInt(l.marginRatioInitial(), 500);
        b.putInt(l.marginRatioMaintenance(), 300);
        b.put(l.name(), "SOL-PERP".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PerpMarketAccount m = VELOCITY.perpMarket(b.array());
        assertEquals(MarketStatus.SETTLEMENT, m.status(), "Velocity's Settlement is 3, Drift's 7");
        assertEquals("SOL-PERP", m.name());
        assertEquals(300, m.marginRatioMaintenance());
        assertEquals(0, m.lastOraclePrice(), "no cached price is read from an unconfirmed offset");
        b.put(l.status(), (byte) 7);
        assertThrows(DriftDecodeException.class, () -> VELOCITY.perpMarket(b.array()));
        assertEquals(
                MarketStatus.ACTIVE,
                ProgramProfile.DRIFT_V2
                        .decoders()
                        .perpMarket(DriftAccountEncoder.perpMarket(DriftFixtures.solPerp()))
                        .status());
    }

    @Test
    void stateExchangeStatusTellsAPausedProgram() {
        ByteBuffer b = account(1688, Discriminators.STATE);
        b.put(1398, (byte) 0xff);
        ExchangeStatus paused = VELOCITY.state(b.array());
        assertTrue(paused.frozen());
        b.put(1398, (byte) 0);
        assertFalse(VELOCITY.state(b.array()).frozen());
        ByteBuffer drift = account(DriftLayout.State.SIZE, Discriminators.STATE);
        drift.put(DriftLayout.State.EXCHANGE_STATUS, (byte) (ExchangeStatus.FILL_PAUSED | ExchangeStatus.LIQ_PAUSED));
        assertTrue(ProgramProfile.DRIFT_V2.decoders().state(drift.array()).frozen());
    }

    @Test
    void velocityRefusesOracleKindsItDoesNotPriceWith() {
        assertThrows(DriftDecodeException.class, () -> VELOCITY.oracle(OracleDecoder.PYTH_PULL, new byte[200]));
        assertEquals(
                1_000_012L,
                VELOCITY.oracle(OracleDecoder.PYTH_LAZER, DriftAccountEncoder.pythLazer(100_001_234L, -8, 1L, 2L))
                        .price());
    }

    /**
     * Issue 17 §3: a 1M-scaled perp and a spot market reading the same Lazer account. Keyed by account alone, the
     * second market got the first one's price, 10⁶ off; keyed by (account, source) each reads its own.
     */
    @Test
    void marketsSharingAnOracleAccountWithDifferentSourcesEachGetTheirOwnPrice() {
        byte[] lazer = DriftAccountEncoder.pythLazer(2_000L, -8, 1L, 2L); // 0.00002 per unit
        String account = DriftFixtures.key(40);
        OracleKey perMillion = new OracleKey(account, OracleDecoder.PYTH_LAZER_1M);
        OracleKey perUnit = new OracleKey(account, OracleDecoder.PYTH_LAZER);
        MarketContext ctx = new MarketContext(
                Map.of(),
                Map.of(),
                Map.of(
                        perMillion,
                        VELOCITY.oracle(perMillion.source(), lazer),
                        perUnit,
                        VELOCITY.oracle(perUnit.source(), lazer)));
        PerpMarketAccount bonkPerp = new PerpMarketAccount(
                DriftFixtures.key(41),
                5,
                "1MBONK-PERP",
                account,
                OracleDecoder.PYTH_LAZER_1M,
                0,
                0,
                java.math.BigInteger.ZERO,
                java.math.BigInteger.ZERO,
                0,
                500,
                300,
                10_000,
                MarketStatus.ACTIVE,
                0,
                0,
                0);
        SpotMarketAccount bonkSpot = new SpotMarketAccount(
                DriftFixtures.key(42),
                6,
                "BONK",
                account,
                OracleDecoder.PYTH_LAZER,
                0,
                DriftFixtures.INTEREST_ONE,
                DriftFixtures.INTEREST_ONE,
                0,
                10_000,
                0,
                5);
        assertEquals(20_000_000L, ctx.perpOracle(bonkPerp).orElseThrow().price(), "$20 per million");
        assertEquals(20L, ctx.spotOracle(bonkSpot).orElseThrow().price(), "$0.00002 per unit");
    }
}
