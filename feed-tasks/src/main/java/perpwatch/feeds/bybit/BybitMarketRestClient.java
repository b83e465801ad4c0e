package perpwatch.feeds.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import perpwatch.feeds.http.RestCallException;
import perpwatch.feeds.http.RestGetter;

/**
 * Bybit v5 public market REST. Every answer has the envelope {@code {retCode, retMsg, result, time}}: a non-zero
 * {@code retCode} is an error even with HTTP 200 (rate limits are 10006 and 10018 as well as HTTP 403/429).
 */
public final class BybitMarketRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The newest open-interest sample, in the base coin. Bybit's {@code openInterest} is the sum of both sides;
     * {@code singleOpenInterest} (added in 2026) is one side, the figure Binance and Coinglass report.
     *
     * @param twoSided  {@code openInterest}
     * @param oneSided  {@code singleOpenInterest}; empty when the answer does not carry it
     * @param timestamp the row's own time (Bybit stamps rows by their period)
     */
    public record OpenInterest(BigDecimal twoSided, Optional<BigDecimal> oneSided, long timestamp) {}

    /** The ticker fields funding needs; {@code time} is the envelope's server time. */
    public record Ticker(BigDecimal markPrice, BigDecimal fundingRate, long nextFundingTime, long time) {}

    private final BybitEndpoints endpoints;
    private final RestGetter http;

    public BybitMarketRestClient(BybitEndpoints endpoints, Duration timeout) {
        this.endpoints = endpoints;
        this.http = new RestGetter(timeout);
    }

    public OpenInterest openInterest(String symbol) throws RestCallException, InterruptedException {
        Answer answer = call(endpoints.openInterest(symbol));
        JsonNode row = firstRow(answer, "open-interest");
        // Absent (older answers) and "" (Bybit's empty value) both mean "not given"; anything else must be a number.
        Optional<BigDecimal> oneSided =
                row.path("singleOpenInterest").asText("").isEmpty()
                        ? Optional.empty()
                        : Optional.of(decimal(row, "singleOpenInterest", answer.uri()));
        return new OpenInterest(
                decimal(row, "openInterest", answer.uri()),
                oneSided,
                integer(row.path("timestamp"), "timestamp", answer.uri()));
    }

    public Ticker ticker(String symbol) throws RestCallException, InterruptedException {
        Answer answer = call(endpoints.tickers(symbol));
        JsonNode row = firstRow(answer, "tickers");
        return new Ticker(
                decimal(row, "markPrice", answer.uri()),
                decimal(row, "fundingRate", answer.uri()),
                integer(row.path("nextFundingTime"), "nextFundingTime", answer.uri()),
                answer.time());
    }

    /** One settled funding print: the rate for one interval and its settlement time ({@code fundingRateTimestamp}). */
    public record SettledRate(BigDecimal fundingRate, long timestamp) {}

    /** The newest {@code limit} settled prints, oldest first. An empty list is an answer (a new instrument). */
    public List<SettledRate> fundingHistory(String symbol, int limit) throws RestCallException, InterruptedException {
        Answer answer = call(endpoints.fundingHistory(symbol, limit));
        JsonNode list = answer.result().path("list");
        if (!list.isArray()) {
            throw new MalformedAnswerException(answer.uri() + ": funding history result has no list", null);
        }
        List<SettledRate> rates = new ArrayList<>(list.size());
        for (JsonNode row : list) {
            if (!symbol.equals(row.path("symbol").asText())) {
                throw new MalformedAnswerException(
                        answer.uri() + ": a row of '" + row.path("symbol").asText() + "' in the answer for " + symbol,
                        null);
            }
            rates.add(new SettledRate(
                    decimal(row, "fundingRate", answer.uri()),
                    integer(row.path("fundingRateTimestamp"), "fundingRateTimestamp", answer.uri())));
        }
        rates.sort(Comparator.comparingLong(SettledRate::timestamp));
        return rates;
    }

    /** Funding interval in whole hours (Bybit gives minutes). */
    public int fundingIntervalHours(String symbol) throws RestCallException, InterruptedException {
        Answer answer = call(endpoints.instrumentsInfo(symbol));
        long minutes =
                integer(firstRow(answer, "instruments-info").path("fundingInterval"), "fundingInterval", answer.uri());
        if (minutes <= 0 || minutes % 60 != 0 || minutes > 24 * 60) {
            throw new RestCallException(
                    answer.uri() + ": funding interval of " + minutes
                            + " minutes is not a whole number of hours in 1..24",
                    200,
                    null,
                    null);
        }
        return (int) (minutes / 60);
    }

    private record Answer(URI uri, JsonNode result, long time) {}

    private Answer call(URI uri) throws RestCallException, InterruptedException {
        String body = http.get(uri);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedAnswerException(uri + ": not JSON: " + RestGetter.abbreviate(body), e);
        }
        if (root == null || !root.path("retCode").isInt()) {
            throw new MalformedAnswerException(uri + ": no retCode in " + RestGetter.abbreviate(body), null);
        }
        int retCode = root.get("retCode").asInt();
        if (retCode != 0) {
            // 10006 (too many visits) and 10018 (IP rate limit) are rate limits: report them as HTTP 429 so callers
            // back off.
            int status = retCode == 10006 || retCode == 10018 ? 429 : 200;
            throw new RestCallException(
                    uri + ": retCode " + retCode + " " + root.path("retMsg").asText(""), status, null, null);
        }
        return new Answer(uri, root.path("result"), integer(root.path("time"), "time", uri));
    }

    private static JsonNode firstRow(Answer answer, String what) throws RestCallException {
        JsonNode list = answer.result().path("list");
        if (!list.isArray() || list.isEmpty()) {
            throw new MalformedAnswerException(answer.uri() + ": " + what + " result has no rows", null);
        }
        return list.get(0);
    }

    private static BigDecimal decimal(JsonNode row, String field, URI uri) throws RestCallException {
        String raw = row.path(field).asText("");
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new MalformedAnswerException(uri + ": '" + field + "' is not a decimal: '" + raw + "'", e);
        }
    }

    /** Bybit writes times as numbers in envelopes and as strings in lists; both are accepted. */
    private static long integer(JsonNode node, String field, URI uri) throws RestCallException {
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            return node.asLong();
        }
        try {
            return Long.parseLong(node.asText(""));
        } catch (NumberFormatException e) {
            throw new MalformedAnswerException(
                    uri + ": '" + field + "' is not an integer: '" + node.asText("") + "'", e);
        }
    }

    /** An answer that arrived but cannot be read: counted separately from transport and venue errors. */
    public static final class MalformedAnswerException extends RestCallException {
        MalformedAnswerException(String message, Throwable cause) {
            super(message, 200, null, cause);
        }
    }
}
