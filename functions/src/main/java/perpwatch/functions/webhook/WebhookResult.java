package perpwatch.functions.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The webhook's answer: {@code {"status":"ok","accepted":n,"duplicates":m,…}}. */
public record WebhookResult(
        String status,
        int accepted,
        int duplicates,
        @JsonProperty("non_drift") int nonDrift,
        int malformed) {}
