package perpwatch.functions.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One stream as an operator sees it.
 *
 * @param lastEntryAgeMs now − the newest entry's id time (when Redis accepted it)
 * @param feedLagMs      {@code recv_ts − ts} of the newest entry: how far behind the venue the feed was when it
 *                       wrote (for 1-minute bars {@code ts} is the minute's open, so about 62 s is on time)
 * @param status         {@code ok}, {@code empty} (never written or trimmed away), {@code behind} (silent for
 *                       longer than the stream's budget)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StreamHealth(
        String key,
        long length,
        @JsonProperty("last_entry_age_ms") Long lastEntryAgeMs,
        @JsonProperty("feed_lag_ms") Long feedLagMs,
        @JsonProperty("silence_budget_ms") Long silenceBudgetMs,
        String status) {}
