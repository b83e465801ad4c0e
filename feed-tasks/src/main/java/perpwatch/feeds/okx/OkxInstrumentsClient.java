package perpwatch.feeds.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import perpwatch.feeds.http.RestCallException;
import perpwatch.feeds.http.RestGetter;

/** {@code GET /api/v5/public/instruments?instType=SWAP&instId=…}: the contract value of one linear swap. */
public final class OkxInstrumentsClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OkxEndpoints endpoints;
    private final RestGetter http;

    public OkxInstrumentsClient(OkxEndpoints endpoints, Duration timeout) {
        this.endpoints = endpoints;
        this.http = new RestGetter(timeout);
    }

    public ContractSpec fetch(String instId) throws RestCallException, InterruptedException {
        String body = http.get(endpoints.swapInstrument(instId));
        try {
            JsonNode root = JSON.readTree(body);
            String code = root.path("code").asText("");
            if (!code.equals("0")) {
                throw new RestCallException(
                        "instruments " + instId + ": OKX code " + code + " "
                                + root.path("msg").asText(""),
                        200,
                        null,
                        null);
            }
            for (JsonNode row : root.path("data")) {
                if (instId.equals(row.path("instId").asText())) {
                    BigDecimal ctVal = new BigDecimal(row.path("ctVal").asText());
                    String mult = row.path("ctMult").asText("1");
                    BigDecimal ctMult = new BigDecimal(mult.isEmpty() ? "1" : mult);
                    if (ctVal.signum() <= 0 || ctMult.signum() <= 0) {
                        throw new RestCallException(
                                "instruments " + instId + ": non-positive ctVal/ctMult", 200, null, null);
                    }
                    return new ContractSpec(instId, ctVal, ctMult);
                }
            }
            throw new RestCallException("instruments answer has no row for " + instId, 200, null, null);
        } catch (IOException | NumberFormatException e) {
            throw new RestCallException(
                    "instruments " + instId + ": unreadable answer: " + RestGetter.abbreviate(body), 200, null, e);
        }
    }
}
