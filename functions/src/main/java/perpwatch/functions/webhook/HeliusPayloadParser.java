package perpwatch.functions.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a Helius enhanced-webhook body (a JSON array of enhanced transactions). Each element stands alone: one
 * that lacks a signature or has the wrong shape is counted as malformed and the rest are kept; unknown fields are
 * ignored. A transaction is kept when a watched program (Velocity, Drift v2) appears as a top-level or inner
 * instruction's program, or among the accounts whose data changed; it is stored with the program it touched.
 */
final class HeliusPayloadParser {
    static final String DRIFT_PROGRAM = OnchainProgram.DRIFT_V2.programId();
    static final String VELOCITY_PROGRAM = OnchainProgram.VELOCITY.programId();
    /**
     * A stored transaction must fit one Kinesis record (1 MiB with its envelope): larger ones are skipped as malformed.
     */
    static final int MAX_TRANSACTION_CHARS = 900 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<OnchainProgram> programs;

    HeliusPayloadParser(List<OnchainProgram> programs) {
        this.programs = List.copyOf(programs);
    }

    /** Both programs. */
    HeliusPayloadParser() {
        this(List.of(OnchainProgram.values()));
    }

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
            Optional<OnchainProgram> program = touched(tx);
            if (program.isEmpty()) {
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
                    program.get().configName(),
                    tx.path("type").asText("UNKNOWN"),
                    tx.path("feePayer").asText(""),
                    tx.get("slot").asLong(),
                    data,
                    tx.get("timestamp").asLong()));
        }
        return new HeliusPayload(drift, nonDrift, malformed);
    }

    /** The first watched program (in configuration order) the transaction touches. */
    Optional<OnchainProgram> touched(JsonNode tx) {
        return programs.stream().filter(p -> touches(tx, p.programId())).findFirst();
    }

    static boolean touches(JsonNode tx, String programId) {
        for (JsonNode ix : tx.path("instructions")) {
            if (programId.equals(ix.path("programId").asText())) {
                return true;
            }
            for (JsonNode inner : ix.path("innerInstructions")) {
                if (programId.equals(inner.path("programId").asText())) {
                    return true;
                }
            }
        }
        for (JsonNode account : tx.path("accountData")) {
            if (programId.equals(account.path("account").asText())) {
                return true;
            }
        }
        return false;
    }
}
