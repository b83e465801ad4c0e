package perpwatch.feeds.onchain.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.http.RestCallException;
import perpwatch.feeds.http.RestGetter;

/**
 * The latest hourly funding rate of a Drift perp market from the Drift Data API ({@code GET /fundingRates}), as a
 * percentage: {@code (fundingRate / 1e9) / (oraclePriceTwap / 1e6) × 100}. Enrichment only: any failure gives empty,
 * logged, and the scan goes on without it.
 */
public final class DriftFundingClient {
    private static final Logger LOG = LoggerFactory.getLogger(DriftFundingClient.class);
    private static final BigDecimal RATE_PRECISION = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal PRICE_PRECISION = BigDecimal.valueOf(1_000_000L);

    private final String base;
    private final RestGetter http;
    private final ObjectMapper json = new ObjectMapper();

    /** {@code base}: {@code PERPWATCH_DRIFT_DATA_API}, default {@code https://data.api.drift.trade}. */
    public DriftFundingClient(String base, RestGetter http) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = http;
    }

    public Optional<BigDecimal> latestHourlyPct(int marketIndex) {
        try {
            JsonNode rates = json.readTree(http.get(URI.create(base + "/fundingRates?marketIndex=" + marketIndex)))
                    .path("fundingRates");
            JsonNode latest = null;
            for (JsonNode r : rates) {
                if (latest == null
                        || r.path("slot").asLong() > latest.path("slot").asLong()) {
                    latest = r;
                }
            }
            if (latest == null) {
                LOG.warn("Drift Data API: no funding rates for market {}", marketIndex);
                return Optional.empty();
            }
            BigDecimal rate = new BigDecimal(latest.path("fundingRate").asText()).divide(RATE_PRECISION);
            BigDecimal twap = new BigDecimal(latest.path("oraclePriceTwap").asText()).divide(PRICE_PRECISION);
            if (twap.signum() <= 0) {
                return Optional.empty();
            }
            return Optional.of(
                    rate.divide(twap, MathContext.DECIMAL64).movePointRight(2).stripTrailingZeros());
        } catch (RestCallException | IOException | NumberFormatException e) {
            LOG.warn("Drift Data API funding unavailable, the scan goes on without it: {}", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
