package perpwatch.functions.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Helius enhanced-webhook body (a JSON array of enhanced transactions). Each element stands alone: one
 * that lacks a signature or has the wrong shape is counted as malformed and the rest are kept; unknown fields are
 * ignored. A transaction is Drift's when the Drift v2 program appears as a top-level or inner instruction's
 * program, or among the accounts whose data changed.
 */
final class HeliusPayloadParser {
    static final String DRIFT_PROGRAM = "dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH";
    /**
     * A stored transaction must fit one Kinesis record (1 MiB with its envelope): larger ones are skipped as malformed.
     */
    static final int MAX_TRANSACTION_CHARS = 900 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    HeliusPayload parse(byte[] body) throws MalformedPayloadException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedPayloadException(
                    "body is not JSON" + (e instanceof JsonProcessingException j ? ": " + j.getOriginalMessage() : ""));
        }
        if (root == null || !root.isArray()) {
            throw new MalformedPayloadException("body must be a JSON array of enhanced transactions");
        }
        List<DriftTransaction> drift = new ArrayList<>();
        int nonDrift = 0;
        int malformed = 0;
        for (JsonNode tx : root) {
            if (!tx.isObject()
                    || !tx.path("signature").isTextual()
                    || tx.path("signature").asText().isEmpty()
                    || !tx.path("timestamp").canConvertToLong()
                    || !tx.path("slot").canConvertToLong()) {
                malformed++;
                continue;
            }
            if (!touchesDrift(tx)) {
                nonDrift++;
                continue;
            }
            String data = tx.toString();
            if (data.length() > MAX_TRANSACTION_CHARS) {
                malformed++;
                continue;
            }
            drift.add(new DriftTransaction(
                    tx.get("signature").asText(),
                    tx.path("type").asText("UNKNOWN"),
                    tx.path("feePayer").asText(""),
                    tx.get("slot").asLong(),
                    data,
                    tx.get("timestamp").asLong()));
        }
        return new HeliusPayload(drift, nonDrift, malformed);
    }

    static boolean touchesDrift(JsonNode tx) {
        for (JsonNode ix : tx.path("instructions")) {
            if (DRIFT_PROGRAM.equals(ix.path("programId").asText())) {
                return true;
            }
            for (JsonNode inner : ix.path("innerInstructions")) {
                if (DRIFT_PROGRAM.equals(inner.path("programId").asText())) {
                    return true;
                }
            }
        }
        for (JsonNode account : tx.path("accountData")) {
            if (DRIFT_PROGRAM.equals(account.path("account").asText())) {
                return true;
            }
        }
        return false;
    }
}
