package perpwatch.feeds.velocity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import perpwatch.core.calc.FundingRates;
import perpwatch.core.model.SettledFunding;
import perpwatch.feeds.parse.JsonTokens;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * An answer of the data API's {@code GET /fundingRates?marketName=…}: {@code {"fundingRates":[…]}}, one record per
 * settlement. The newest record by {@code ts} is the last settled rate. Its {@code fundingRate} is quote per base at
 * FUNDING_RATE_PRECISION (1e9), so the rate per interval is {@code fundingRate / 1e3 / oraclePriceTwap}, as
 * velocity-common's {@code getFundingRate} computes it.
 *
 * <p>The interval is taken from the answer, never assumed: it is the median gap between consecutive settlements,
 * which must lie within {@link #TOLERANCE_SECONDS} of a whole number of hours. The median, because a late crank
 * stretches one gap (the record's {@code ts} is when the crank ran) without changing the period, and because one
 * missed settlement must not double the interval.
 */
public final class FundingRatesAnswer {
    /** A settlement lands when a keeper cranks it, seconds to minutes after the hour. */
    static final long TOLERANCE_SECONDS = 600;

    private static final JsonFactory JSON = new JsonFactory();
    private static final long HOUR = 3600;

    /** One record's fields we use. {@code ts} is unix seconds. */
    record Settlement(long ts, BigInteger fundingRate, BigInteger oraclePriceTwap) {}

    public Outcome<SettledFunding> parse(int status, String body, String symbol, long recvMs) {
        Outcome<SettledFunding> failed = Outcome.forStatus(status, body);
        if (failed != null) {
            return failed;
        }
        List<Settlement> settlements;
        try {
            settlements = read(body);
        } catch (NotJson e) {
            return Outcome.rejected(Rejection.NOT_JSON, e.getMessage());
        } catch (MalformedFrameException e) {
            return Outcome.rejected(Rejection.MALFORMED, e.getMessage());
        }
        if (settlements.isEmpty()) {
            return Outcome.rejected(Rejection.NO_SETTLED_FUNDING, "fundingRates is empty");
        }
        settlements.sort(Comparator.comparingLong(Settlement::ts));
        Settlement last = settlements.get(settlements.size() - 1);
        int hours = intervalHours(settlements);
        if (hours <= 0) {
            return Outcome.rejected(
                    Rejection.FUNDING_INTERVAL_UNKNOWN,
                    settlements.size() < 2
                            ? "one settlement shows no interval"
                            : "settlement gaps are not whole hours (median " + medianGap(settlements) + " s)");
        }
        BigDecimal rate = new BigDecimal(last.fundingRate())
                .divide(
                        new BigDecimal(last.oraclePriceTwap()).movePointRight(3),
                        FundingRates.RATE_SCALE,
                        RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return Outcome.accepted(new SettledFunding(
                symbol,
                rate,
                FundingRates.eightHourRate(rate, hours),
                hours,
                FundingRates.aprPercent(rate, hours),
                last.ts() * 1000,
                recvMs));
    }

    /** Whole hours of the median gap, or 0 when there is none or it is not within tolerance of whole hours. */
    static int intervalHours(List<Settlement> sorted) {
        if (sorted.size() < 2) {
            return 0;
        }
        long median = medianGap(sorted);
        long hours = Math.round(median / (double) HOUR);
        if (hours < 1 || Math.abs(median - hours * HOUR) > TOLERANCE_SECONDS) {
            return 0;
        }
        return (int) hours;
    }

    private static long medianGap(List<Settlement> sorted) {
        long[] gaps = new long[sorted.size() - 1];
        for (int i = 1; i < sorted.size(); i++) {
            gaps[i - 1] = sorted.get(i).ts() - sorted.get(i - 1).ts();
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    private static final class NotJson extends Exception {
        NotJson(String message) {
            super(message);
        }
    }

    private static List<Settlement> read(String body) throws NotJson, MalformedFrameException {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (JsonProcessingException e) {
                throw new NotJson(e.getOriginalMessage());
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedFrameException("a fundingRates answer is a JSON object, got " + first);
            }
            List<Settlement> settlements = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("fundingRates")) {
                    settlements = records(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedFrameException("truncated answer or trailing content");
            }
            if (settlements == null) {
                throw new MalformedFrameException("no 'fundingRates' array");
            }
            return settlements;
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedFrameException("unreadable answer: " + e.getMessage(), e);
        }
    }

    private static List<Settlement> records(JsonParser parser, JsonToken token)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.START_ARRAY) {
            throw new MalformedFrameException("'fundingRates' should be an array, got " + token);
        }
        List<Settlement> out = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.START_OBJECT) {
            Long ts = null;
            BigInteger rate = null;
            BigInteger twap = null;
            JsonToken field;
            while ((field = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    // Drift's docs say a string; a number means the same instant, so both are read.
                    case "ts" ->
                        ts = value == JsonToken.VALUE_NUMBER_INT
                                ? parser.getLongValue()
                                : integer(JsonTokens.string(parser, value, name), name)
                                        .longValueExact();
                    case "fundingRate" -> rate = integer(JsonTokens.string(parser, value, name), name);
                    case "oraclePriceTwap" -> twap = integer(JsonTokens.string(parser, value, name), name);
                    default -> parser.skipChildren();
                }
            }
            if (field != JsonToken.END_OBJECT) {
                throw new MalformedFrameException("truncated funding record");
            }
            if (ts == null || rate == null || twap == null) {
                throw new MalformedFrameException("a funding record needs ts, fundingRate and oraclePriceTwap");
            }
            if (twap.signum() <= 0) {
                throw new MalformedFrameException("oraclePriceTwap " + twap + " is not positive");
            }
            out.add(new Settlement(ts, rate, twap));
        }
        if (next != JsonToken.END_ARRAY) {
            throw new MalformedFrameException("'fundingRates' should hold record objects, got " + next);
        }
        return out;
    }

    private static BigInteger integer(String text, String field) throws MalformedFrameException {
        if (!text.matches("-?[0-9]{1,18}")) {
            throw new MalformedFrameException("field '" + field + "' is not an integer: '" + text + "'");
        }
        return new BigInteger(text);
    }
}
