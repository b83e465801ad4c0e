package perpwatch.feeds.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static perpwatch.feeds.velocity.Fixtures.accepted;
import static perpwatch.feeds.velocity.Fixtures.read;
import static perpwatch.feeds.velocity.Fixtures.rejection;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class VelocityDlobL2AnswerTest {
    private final DlobL2Answer answer = new DlobL2Answer();

    @Test
    void theRecordedL2ParsesWithEverySourceAttributed() {
        DlobBook book = accepted(answer.parse(200, read("dlob_l2_SOL-PERP.json")));
        assertEquals("SOL-PERP", book.marketName());
        assertEquals(0, book.marketIndex());
        assertEquals(318_204_120L, book.slot());
        assertEquals(1_796_518_800_412L, book.ts());
        assertEquals(5, book.bids().size());
        assertEquals(5, book.asks().size());
        // 1e6 prices, 1e9 sizes.
        BookLevel bestAsk = book.asks().get(0);
        assertEquals(new BigDecimal("150.034000"), bestAsk.price());
        assertEquals(new BigDecimal("7.500000000"), bestAsk.size());
        assertEquals(new BigDecimal("7.500000000"), bestAsk.counted());
        // A prop-AMM quote is in the answer but not in the counted depth.
        BookLevel propAmm = book.bids().get(1);
        assertEquals(new BigDecimal("33.000000000"), propAmm.size());
        assertEquals(0, propAmm.counted().signum());
        // dlob counts, indicative does not.
        assertEquals(new BigDecimal("0.800000000"), book.bids().get(2).counted());
        assertEquals(new BigDecimal("150.011000"), book.markPrice());
        assertEquals(new BigDecimal("150.004512"), book.oracle().price());
        assertEquals(318_204_117L, book.oracle().slot());
        assertEquals(new BigDecimal("0.007524"), book.oracle().confidence());
    }

    @Test
    void theCacheMissAnswerParsesAndHasNoLevels() {
        DlobBook book = accepted(answer.parse(200, read("dlob_l2_SOL-PERP_cache_miss.json")));
        assertNull(book.marketName());
        assertEquals(0, book.bids().size());
        assertEquals(0, book.asks().size());
        // The server writes oracleData as numbers here.
        assertEquals(new BigDecimal("150.004512"), book.oracle().price());
    }

    @Test
    void httpErrorsAndRateLimitsAreTypedWithoutReadingABook() {
        assertEquals(Rejection.HTTP_ERROR, rejection(answer.parse(400, read("dlob_l2_400_unrecognized_market.txt"))));
        assertEquals(Rejection.HTTP_ERROR, rejection(answer.parse(500, "Internal Server Error")));
        assertEquals(Rejection.RATE_LIMITED, rejection(answer.parse(429, "")));
        assertEquals(Rejection.RATE_LIMITED, rejection(answer.parse(429, "<html>slow down</html>")));
    }

    @Test
    void nonJsonAndWrongShapesAreRejected() {
        assertEquals(Rejection.NOT_JSON, rejection(answer.parse(200, "<html><body>502 Bad Gateway</body></html>")));
        assertEquals(Rejection.NOT_JSON, rejection(answer.parse(200, "Bad Request: unrecognized marketName")));
        assertEquals(Rejection.MALFORMED, rejection(answer.parse(200, "[]")));
        assertEquals(Rejection.MALFORMED, rejection(answer.parse(200, "{\"bids\":[],\"asks\":[]")));
        assertEquals(Rejection.MALFORMED, rejection(answer.parse(200, "{\"bids\":[],\"asks\":[],\"marketIndex\":0}")));
        // Level numbers are strings on this endpoint; a number is a changed wire.
        assertEquals(
                Rejection.MALFORMED,
                rejection(
                        answer.parse(200, book("{\"price\":150000000,\"size\":\"1\",\"sources\":{\"vamm\":\"1\"}}"))));
        // Without sources nothing says which depth counts.
        assertEquals(
                Rejection.MALFORMED, rejection(answer.parse(200, book("{\"price\":\"150000000\",\"size\":\"1\"}"))));
        // Sources that do not add up to the size.
        assertEquals(
                Rejection.MALFORMED,
                rejection(answer.parse(
                        200, book("{\"price\":\"150000000\",\"size\":\"5\",\"sources\":{\"vamm\":\"4\"}}"))));
        // Fractions and negatives are not fixed-point integers.
        assertEquals(
                Rejection.MALFORMED,
                rejection(
                        answer.parse(200, book("{\"price\":\"150.5\",\"size\":\"1\",\"sources\":{\"vamm\":\"1\"}}"))));
        assertEquals(
                Rejection.MALFORMED,
                rejection(
                        answer.parse(200, book("{\"price\":\"150\",\"size\":\"-1\",\"sources\":{\"vamm\":\"-1\"}}"))));
    }

    @Test
    void anUnknownSourceIsKeptInTheSizeButNotCounted() {
        DlobBook book = accepted(answer.parse(
                200, book("{\"price\":\"150000000\",\"size\":\"3\",\"sources\":{\"vamm\":\"1\",\"newpool\":\"2\"}}")));
        assertEquals(new BigDecimal("0.000000003"), book.bids().get(0).size());
        assertEquals(new BigDecimal("0.000000001"), book.bids().get(0).counted());
    }

    private static String book(String bidLevel) {
        return "{\"bids\":[" + bidLevel + "],\"asks\":[],\"marketIndex\":0,\"slot\":5}";
    }
}
