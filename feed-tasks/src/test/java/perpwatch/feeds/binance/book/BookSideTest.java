package perpwatch.feeds.binance.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BookSideTest {

    @Test
    void setsLandWhereASortedMapPutsThemOnBothSidesAtEveryDistanceFromTheTop() {
        // The lookup searches outwards from the best level; every depth (top, near, deep, beyond both ends, the
        // empty side) must find or insert exactly where a plain sorted map would.
        SplittableRandom random = new SplittableRandom(5);
        for (boolean bids : new boolean[] {true, false}) {
            BookSide side = new BookSide(bids, 10_000);
            Comparator<Long> bestFirst = bids ? Comparator.reverseOrder() : Comparator.naturalOrder();
            TreeMap<Long, Long> reference = new TreeMap<>(bestFirst);
            for (int n = 0; n < 100_000; n++) {
                long price = random.nextInt(4) == 0 ? 1 + random.nextInt(3_000) : 1_000 + random.nextInt(40);
                long qty = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1_000);
                side.set(price, qty);
                if (qty == 0) {
                    reference.remove(price);
                } else {
                    reference.put(price, qty);
                }
                if (n % 997 == 0 || n > 99_900) {
                    assertSame(reference, side);
                }
            }
            for (long price : new ArrayList<>(reference.keySet())) {
                side.set(price, 0);
            }
            assertEquals(0, side.size());
            side.set(7, 1);
            assertEquals(7, side.price(0));
        }
    }

    private static void assertSame(TreeMap<Long, Long> reference, BookSide side) {
        assertEquals(reference.size(), side.size());
        List<Map.Entry<Long, Long>> levels = new ArrayList<>(reference.entrySet());
        for (int i = 0; i < levels.size(); i++) {
            assertEquals(levels.get(i).getKey(), side.price(i), "price of level " + i);
            assertEquals(levels.get(i).getValue(), side.qty(i), "qty of level " + i);
        }
    }
}
