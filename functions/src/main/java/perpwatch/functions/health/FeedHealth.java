package perpwatch.functions.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One feed task's WebSocket link as an operator sees it. "Connected" means subscribed and answering: a socket that
 * answers pings after the venue refused the subscription is {@code refused}, not live.
 *
 * @param state  {@code subscribed} (the venue acknowledged the subscription on the current connection and the link
 *               answers), {@code refused} (the venue's last answer was a refusal), {@code unsubscribed} (connecting,
 *               waiting for the ack, silent, or no status at all: the task is not running)
 * @param ageMs  now − when the task last wrote this status (every 2 s while it runs); null when there is none
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FeedHealth(
        String task,
        String symbol,
        String venue,
        String state,
        @JsonProperty("age_ms") Long ageMs) {}
