package perpwatch.feeds.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static perpwatch.feeds.velocity.Fixtures.accepted;
import static perpwatch.feeds.velocity.Fixtures.read;
import static perpwatch.feeds.velocity.Fixtures.rejection;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import perpwatch.core.model.SettledFunding;

class VelocityFundingRatesAnswerTest {
    private final FundingRatesAnswer answer = new FundingRatesAnswer();

    @Test
    void theRecordedAnswerGivesTheLastSettledRateWithTheIntervalFromItsGaps() {
        SettledFunding funding =
                accepted(answer.parse(200, read("data_api_fundingRates_SOL-PERP.json"), "SOL-PERP", 7));
        assertEquals("SOL-PERP", funding.symbol());
        // 1875125 / 1e9 quote per SOL over a 150.01 TWAP: 0.00125 % per hour.
        assertEquals(0, new BigDecimal("0.0000125").compareTo(funding.fundingRate()));
        assertEquals(1, funding.fundingIntervalH());
        assertEquals(0, new BigDecimal("0.0001").compareTo(funding.fundingRate8h()));
        assertEquals(0, new BigDecimal("10.95").compareTo(funding.fundingApr()));
        assertEquals(1_796_518_803_000L, funding.ts());
        assertEquals(7, funding.recvTime());
    }

    @Test
    void recordOrderDoesNotMatterAndANegativeRateIsKept() {
        String body = "{\"fundingRates\":["
                + record(7200, "-3000000", "150000000") + "," + record(0, "1", "150000000") + ","
                + record(3600, "1", "150000000") + "]}";
        SettledFunding funding = accepted(answer.parse(200, body, "SOL-PERP", 0));
        assertEquals(0, new BigDecimal("-0.00002").compareTo(funding.fundingRate()));
        assertEquals(7_200_000L, funding.ts());
    }

    @Test
    void theIntervalIsTakenFromTheAnswerNotAssumed() {
        // Four-hourly settlements, one late crank and one missed: the median gap is still four hours.
        String body = "{\"fundingRates\":[" + record(0, "1", "1") + "," + record(14_400, "1", "1") + ","
                + record(28_900, "1", "1") + "," + record(43_200, "1", "1") + "," + record(72_000, "4000", "1000000")
                + "]}";
        SettledFunding funding = accepted(answer.parse(200, body, "SOL-PERP", 0));
        assertEquals(4, funding.fundingIntervalH());
        assertEquals(0, new BigDecimal("0.000004").compareTo(funding.fundingRate()));
        assertEquals(0, new BigDecimal("0.000008").compareTo(funding.fundingRate8h()));
    }

    @Test
    void anIntervalThatIsNotWholeHoursOrNotShownIsRefused() {
        assertEquals(
                Rejection.FUNDING_INTERVAL_UNKNOWN,
                rejection(answer.parse(200, "{\"fundingRates\":[" + record(0, "1", "1") + "]}", "SOL-PERP", 0)));
        assertEquals(
                Rejection.FUNDING_INTERVAL_UNKNOWN,
                rejection(answer.parse(
                        200,
                        "{\"fundingRates\":[" + record(0, "1", "1") + "," + record(1800, "1", "1") + "]}",
                        "SOL-PERP",
                        0)));
        assertEquals(
                Rejection.FUNDING_INTERVAL_UNKNOWN,
                rejection(answer.parse(
                        200,
                        "{\"fundingRates\":[" + record(5, "1", "1") + "," + record(5, "1", "1") + "]}",
                        "SOL-PERP",
                        0)));
    }

    @Test
    void badAnswersAreRejectedWithTheirReason() {
        assertEquals(Rejection.RATE_LIMITED, rejection(answer.parse(429, "Too Many Requests", "SOL-PERP", 0)));
        assertEquals(Rejection.HTTP_ERROR, rejection(answer.parse(404, "Cannot GET /fundingRates", "SOL-PERP", 0)));
        assertEquals(Rejection.HTTP_ERROR, rejection(answer.parse(503, "", "SOL-PERP", 0)));
        assertEquals(Rejection.NOT_JSON, rejection(answer.parse(200, "<!doctype html>", "SOL-PERP", 0)));
        assertEquals(
                Rejection.NO_SETTLED_FUNDING, rejection(answer.parse(200, "{\"fundingRates\":[]}", "SOL-PERP", 0)));
        // Drift's newer envelope is a different wire; it is refused, not guessed at.
        assertEquals(
                Rejection.MALFORMED, rejection(answer.parse(200, "{\"success\":true,\"records\":[]}", "SOL-PERP", 0)));
        assertEquals(
                Rejection.MALFORMED,
                rejection(answer.parse(200, "{\"fundingRates\":[{\"ts\":\"1\",\"fundingRate\":1}]}", "SOL-PERP", 0)));
        assertEquals(
                Rejection.MALFORMED,
                rejection(
                        answer.parse(200, "{\"fundingRates\":[" + record(0, "-0.001", "84.69") + "]}", "SOL-PERP", 0)));
        assertEquals(
                Rejection.MALFORMED,
                rejection(answer.parse(200, "{\"fundingRates\":[" + record(0, "1", "0") + "]}", "SOL-PERP", 0)));
    }

    private static String record(long ts, String fundingRate, String oraclePriceTwap) {
        return "{\"slot\":1,\"ts\":\"" + ts + "\",\"marketIndex\":0,\"fundingRate\":\"" + fundingRate
                + "\",\"oraclePriceTwap\":\"" + oraclePriceTwap + "\"}";
    }
}
