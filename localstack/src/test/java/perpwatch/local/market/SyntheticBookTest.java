package perpwatch.local.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import perpwatch.local.market.synthetic.MarketState;
import perpwatch.local.market.synthetic.SyntheticBook;
import perpwatch.local.market.synthetic.SyntheticMarket;

/** The synthetic book must obey the rules a Binance client relies on, or the book worker is tested against a lie. */
class SyntheticBookTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void diffsChainByPuAndRebuildTheSnapshotExactly() throws Exception {
        SyntheticMarket market = new SyntheticMarket(150, 7, 1_700_000_000_000L);
        SyntheticBook book = new SyntheticBook("SOLUSDT");
        book.update(market.step(100), market, 1);
        JsonNode snapshot = JSON.readTree(book.snapshot(1000, 2));
        Map<BigDecimal, BigDecimal> bids = levels(snapshot.get("bids"), true);
        Map<BigDecimal, BigDecimal> asks = levels(snapshot.get("asks"), false);
        long previousU = snapshot.get("lastUpdateId").asLong();
        boolean sawCascade = false;
        for (int i = 0; i < 3_000; i++) {
            MarketState state = market.step(100);
            sawCascade |= state.cascading();
            String diff = book.update(state, market, i);
            if (diff == null) {
                continue;
            }
            JsonNode event = JSON.readTree(diff);
            assertEquals(previousU, event.get("pu").asLong(), "pu chains to the previous u");
            assertEquals(previousU + 1, event.get("U").asLong());
            assertTrue(event.get("u").asLong() >= event.get("U").asLong());
            previousU = event.get("u").asLong();
            apply(bids, event.get("b"));
            apply(asks, event.get("a"));
            assertTrue(
                    ((TreeMap<BigDecimal, BigDecimal>) bids)
                                    .firstKey()
                                    .compareTo(((TreeMap<BigDecimal, BigDecimal>) asks).firstKey())
                            < 0,
                    "never crossed");
        }
        assertTrue(sawCascade, "5 minutes of market include a cascade");
        JsonNode later = JSON.readTree(book.snapshot(1000, 3));
        assertEquals(previousU, later.get("lastUpdateId").asLong());
        assertEquals(levels(later.get("bids"), true), bids);
        assertEquals(levels(later.get("asks"), false), asks);
    }

    private static Map<BigDecimal, BigDecimal> levels(JsonNode array, boolean bids) {
        Comparator<BigDecimal> order = bids ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Map<BigDecimal, BigDecimal> out = new TreeMap<>(order);
        apply(out, array);
        return out;
    }

    private static void apply(Map<BigDecimal, BigDecimal> side, JsonNode levels) {
        for (JsonNode level : levels) {
            BigDecimal price = new BigDecimal(level.get(0).asText());
            BigDecimal qty = new BigDecimal(level.get(1).asText());
            if (qty.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, qty);
            }
        }
    }
}
