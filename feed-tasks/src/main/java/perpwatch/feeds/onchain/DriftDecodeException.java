package perpwatch.feeds.onchain;

/**
 * Account data that is not what it claims to be (wrong size, wrong discriminator, unknown oracle kind). Its
 * {@link Fault} lets the scanner count bad input by kind without reading messages.
 */
public final class DriftDecodeException extends RuntimeException {
    /** What was wrong with the bytes. */
    public enum Fault {
        /** A size no layout of the program names: an account grown in place we have not read the struct for. */
        UNKNOWN_SIZE,
        /** The discriminator matches but the account is smaller than the smallest layout: cut-off bytes. */
        SHORT,
        /** An oracle whose exponent no real price has: corrupt, and priced as nothing rather than as garbage. */
        ORACLE_EXPONENT,
        /** Anything else: wrong discriminator, an unknown enum value, an oracle kind not decoded here. */
        MALFORMED
    }

    private final Fault fault;

    public DriftDecodeException(String message) {
        this(Fault.MALFORMED, message);
    }

    public DriftDecodeException(Fault fault, String message) {
        super(message);
        this.fault = fault;
    }

    public Fault fault() {
        return fault;
    }
}
