package perpwatch.feeds.velocity;

import perpwatch.feeds.parse.MalformedFrameException;

/**
 * An answer of {@code GET /l2?marketName=…&depth=…&includeVamm=true}: the status first (the server answers 400 and
 * 500 in plain text, a rate limit would come from the load balancer in front), then the L2 document with its level
 * numbers as decimal strings. An empty or crossed book is not decided here but by {@link DlobBookCheck}, which also
 * keeps the slot order across answers.
 */
public final class DlobL2Answer {
    private final DlobBookReader reader = new DlobBookReader();

    public Outcome<DlobBook> parse(int status, String body) {
        Outcome<DlobBook> failed = Outcome.forStatus(status, body);
        if (failed != null) {
            return failed;
        }
        try {
            return Outcome.accepted(reader.read(body, NumberForm.STRINGS));
        } catch (DlobBookReader.NotJsonException e) {
            return Outcome.rejected(Rejection.NOT_JSON, e.getMessage());
        } catch (MalformedFrameException e) {
            return Outcome.rejected(Rejection.MALFORMED, e.getMessage());
        }
    }
}
