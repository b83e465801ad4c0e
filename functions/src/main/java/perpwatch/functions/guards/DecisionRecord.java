package perpwatch.functions.guards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One guards decision as a stream entry (DESIGN §4 {@code engine:guards:decisions:<sym>}): flat string fields, the
 * lists and maps as JSON, so Redis, Kinesis and the Parquet archive hold the same text.
 */
final class DecisionRecord {
    static final ObjectMapper JSON = new ObjectMapper();

    private DecisionRecord() {}

    static Map<String, String> fields(GuardsResponse answer, long writtenMs) {
        Map<String, String> states = new LinkedHashMap<>();
        answer.guards()
                .forEach((metric, guard) -> states.put(metric, guard.state().wire()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("symbol", answer.symbol());
        fields.put("status", answer.status().wire());
        fields.put("data_source", answer.dataSource().wire());
        fields.put("warnings", json(answer.warnings()));
        fields.put("ages", json(answer.agesMs()));
        fields.put("states", json(states));
        fields.put("thresholds_version", answer.thresholdsVersion());
        fields.put("seq", Long.toString(answer.seq()));
        fields.put("instance", answer.instance());
        fields.put("ts", Long.toString(answer.ts()));
        fields.put("recv_ts", Long.toString(writtenMs));
        return fields;
    }

    /** The producer's id of the record: one decision is one archived row, however often its write is retried. */
    static String id(GuardsResponse answer) {
        return "guards-" + answer.instance() + "-" + answer.seq();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lists and maps of strings and numbers always serialise", e);
        }
    }
}
