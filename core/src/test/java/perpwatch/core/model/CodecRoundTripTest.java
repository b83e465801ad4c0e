package perpwatch.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.MalformedRecordException;

class CodecRoundTripTest {
    @Test
    void barRoundTripsThroughStringFields() {
        Bar bar = new Bar(
                1_700_000_040_000L,
                new BigDecimal("150.12"),
                new BigDecimal("151"),
                new BigDecimal("149.5"),
                new BigDecimal("150.7"),
                new BigDecimal("12.5"),
                new BigDecimal("3"),
                new BigDecimal("-1234.25"),
                new BigDecimal("150.33"),
                42,
                10,
                51,
                1_700_000_101_000L);
        Map<String, String> fields = BarCodec.INSTANCE.encode(bar);
        fields.values().forEach(v -> assertEquals(v.strip(), v));
        assertEquals(bar, BarCodec.INSTANCE.decode(fields));
    }

    @Test
    void priceTickRoundTrips() {
        PriceTick tick = new PriceTick(new BigDecimal("187.08"), 1_736_909_125_942L, 1_736_909_125_950L);
        assertEquals(
                Map.of("price", "187.08", "ts", "1736909125942", "recv_ts", "1736909125950"),
                PriceTickCodec.INSTANCE.encode(tick));
        assertEquals(tick, PriceTickCodec.INSTANCE.decode(PriceTickCodec.INSTANCE.encode(tick)));
    }

    @Test
    void brokenEntriesAreRejectedNotGuessed() {
        Map<String, String> fields = new HashMap<>(PriceTickCodec.INSTANCE.encode(new PriceTick(BigDecimal.ONE, 1, 2)));
        fields.put("price", "NaN-ish");
        MalformedRecordException e =
                assertThrows(MalformedRecordException.class, () -> PriceTickCodec.INSTANCE.decode(fields));
        assertEquals("field 'price' is not a decimal: 'NaN-ish'", e.getMessage());
        fields.remove("ts");
        assertThrows(MalformedRecordException.class, () -> PriceTickCodec.INSTANCE.decode(fields));
    }

    @Test
    void bookTopWritesTheDesignFields() {
        BookTop top = new BookTop(
                new BigDecimal("187.08"),
                new BigDecimal("12.5"),
                new BigDecimal("187.09"),
                new BigDecimal("3"),
                new BigDecimal("0.5345"),
                new BigDecimal("250000.5"),
                new BigDecimal("198000"),
                1_736_909_125_942L,
                1_736_909_125_950L);
        Map<String, String> f = BookTopCodec.INSTANCE.encode(top);
        assertEquals(
                "bid_px bid_qty ask_px ask_qty spread_bps depth_bid_usd depth_ask_usd ts recv_ts",
                String.join(" ", f.keySet()));
        assertEquals(top, BookTopCodec.INSTANCE.decode(f));
    }

    @Test
    void liquidationSideIsTheLiquidatedPositionAndStrict() {
        Liquidation l = new Liquidation(
                "okx",
                "SOL-USDC-SWAP",
                PositionSide.SHORT,
                new BigDecimal("187.1"),
                new BigDecimal("2"),
                new BigDecimal("374.2"),
                10,
                12);
        Map<String, String> f = LiquidationCodec.INSTANCE.encode(l);
        assertEquals("short", f.get("side"));
        assertEquals(l, LiquidationCodec.INSTANCE.decode(f));
        Map<String, String> bad = new HashMap<>(f);
        bad.put("side", "SELL");
        assertThrows(MalformedRecordException.class, () -> LiquidationCodec.INSTANCE.decode(bad));
    }

    @Test
    void fundingSnapshotRoundTripsAndRejectsImpossibleIntervals() {
        FundingSnapshot s = new FundingSnapshot(
                "SOLUSDT",
                new BigDecimal("1500000000"),
                new BigDecimal("8000000"),
                new BigDecimal("0.0001"),
                new BigDecimal("0.0002"),
                4,
                new BigDecimal("21.9"),
                1_736_913_600_000L,
                new BigDecimal("187.5"),
                1_736_909_125_942L,
                1_736_909_126_000L);
        Map<String, String> f = FundingSnapshotCodec.INSTANCE.encode(s);
        assertEquals(s, FundingSnapshotCodec.INSTANCE.decode(f));
        Map<String, String> bad = new HashMap<>(f);
        bad.put("funding_interval_h", "0");
        assertThrows(MalformedRecordException.class, () -> FundingSnapshotCodec.INSTANCE.decode(bad));
    }

    @Test
    void fundingSnapshotWithoutAOneSidedFigureLeavesOiNotionalOutAndKeepsTheTwoSidedOne() {
        FundingSnapshot s = new FundingSnapshot(
                "SOLUSDT",
                null,
                new BigDecimal("3000000000"),
                new BigDecimal("0.0001"),
                new BigDecimal("0.0001"),
                8,
                new BigDecimal("10.95"),
                1_736_913_600_000L,
                new BigDecimal("187.5"),
                1_736_909_125_942L,
                1_736_909_126_000L,
                1_736_908_800_000L);
        Map<String, String> f = FundingSnapshotCodec.INSTANCE.encode(s);
        assertFalse(f.containsKey("oi_notional"), "absent, never a guessed number");
        assertEquals("3000000000", f.get("oi_two_sided"));
        assertEquals("1736908800000", f.get("oi_ts"));
        assertEquals(s, FundingSnapshotCodec.INSTANCE.decode(f));
    }

    @Test
    void settledFundingRoundTrips() {
        SettledFunding s = new SettledFunding(
                "SOLUSDT",
                new BigDecimal("-0.00005"),
                new BigDecimal("-0.00005"),
                8,
                new BigDecimal("-5.475"),
                1_709_884_800_000L,
                1_709_884_860_000L);
        Map<String, String> f = SettledFundingCodec.INSTANCE.encode(s);
        assertEquals(s, SettledFundingCodec.INSTANCE.decode(f));
        Map<String, String> bad = new HashMap<>(f);
        bad.put("funding_interval_h", "25");
        assertThrows(MalformedRecordException.class, () -> SettledFundingCodec.INSTANCE.decode(bad));
    }

    @Test
    void aFundingEntryOfTheOldShapeStillDecodesWithItsTwoSidedFigureNamedAsSuch() {
        // As written before singleOpenInterest was read: oi_value = Bybit's two-sided openInterest, oi_notional from
        // it.
        Map<String, String> old = Map.ofEntries(
                Map.entry("symbol", "SOLUSDT"),
                Map.entry("oi_notional", "1500000000"),
                Map.entry("oi_value", "8000000"),
                Map.entry("funding_rate", "0.0001"),
                Map.entry("funding_rate_8h", "0.0001"),
                Map.entry("funding_interval_h", "8"),
                Map.entry("funding_apr", "10.95"),
                Map.entry("next_funding_time", "1736913600000"),
                Map.entry("mark_price", "187.5"),
                Map.entry("ts", "1736909125942"),
                Map.entry("recv_ts", "1736909126000"));
        FundingSnapshot s = FundingSnapshotCodec.INSTANCE.decode(old);
        assertNull(s.oiNotional(), "the old figure was two-sided: not halved into a one-sided guess");
        assertEquals(new BigDecimal("1500000000"), s.oiTwoSided());
        assertEquals(new BigDecimal("10.95"), s.fundingApr());
        assertEquals(1_736_909_125_942L, s.oiTime());
        Map<String, String> broken = new HashMap<>(old);
        broken.remove("oi_value");
        assertThrows(MalformedRecordException.class, () -> FundingSnapshotCodec.INSTANCE.decode(broken));
    }

    @Test
    void lastTradeRoundTripsAndRejectsUnknownSides() {
        LastTrade t = new LastTrade("SOL-USDC-SWAP", new BigDecimal("187.2"), "buy", new BigDecimal("0.3"), 5, 6);
        assertEquals(t, LastTradeCodec.INSTANCE.decode(LastTradeCodec.INSTANCE.encode(t)));
        Map<String, String> bad = new HashMap<>(LastTradeCodec.INSTANCE.encode(t));
        bad.put("side", "long");
        assertThrows(MalformedRecordException.class, () -> LastTradeCodec.INSTANCE.decode(bad));
    }
}
