package perpwatch.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.MalformedRecordException;

class CodecRoundTripTest {
    @Test
    void barRoundTripsThroughStringFields() {
        Bar bar = new Bar(1_700_000_040_000L, new BigDecimal("150.12"), new BigDecimal("151"), new BigDecimal("149.5"),
                new BigDecimal("150.7"), new BigDecimal("12.5"), new BigDecimal("3"), new BigDecimal("-1234.25"),
                new BigDecimal("150.33"), 42, 10, 51, 1_700_000_101_000L);
        Map<String, String> fields = BarCodec.INSTANCE.encode(bar);
        fields.values().forEach(v -> assertEquals(v.strip(), v));
        assertEquals(bar, BarCodec.INSTANCE.decode(fields));
    }

    @Test
    void priceTickRoundTrips() {
        PriceTick tick = new PriceTick(new BigDecimal("187.08"), 1_736_909_125_942L, 1_736_909_125_950L);
        assertEquals(Map.of("price", "187.08", "ts", "1736909125942", "recv_ts", "1736909125950"), PriceTickCodec.INSTANCE.encode(tick));
        assertEquals(tick, PriceTickCodec.INSTANCE.decode(PriceTickCodec.INSTANCE.encode(tick)));
    }

    @Test
    void brokenEntriesAreRejectedNotGuessed() {
        Map<String, String> fields = new HashMap<>(PriceTickCodec.INSTANCE.encode(new PriceTick(BigDecimal.ONE, 1, 2)));
        fields.put("price", "NaN-ish");
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> PriceTickCodec.INSTANCE.decode(fields));
        assertEquals("field 'price' is not a decimal: 'NaN-ish'", e.getMessage());
        fields.remove("ts");
        assertThrows(MalformedRecordException.class, () -> PriceTickCodec.INSTANCE.decode(fields));
    }
}
