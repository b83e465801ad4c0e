package perpwatch.feeds.onchain;

/** Account data that is not what it claims to be (wrong size, wrong discriminator, unknown oracle kind). */
public final class DriftDecodeException extends RuntimeException {
    public DriftDecodeException(String message) {
        super(message);
    }
}
