package perpwatch.functions.webhook;

/** The body is not a JSON array at all (a single bad element is counted, not thrown). */
final class MalformedPayloadException extends Exception {
    MalformedPayloadException(String message) {
        super(message);
    }
}
