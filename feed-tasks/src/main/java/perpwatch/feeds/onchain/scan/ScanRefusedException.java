package perpwatch.feeds.onchain.scan;

/**
 * A scan that completed but cannot be trusted as the picture of the program (no accounts, or far fewer than the last
 * one): the task counts it apart from failures and keeps the previous map, whose age stays visible.
 */
public final class ScanRefusedException extends IllegalStateException {
    public ScanRefusedException(String message) {
        super(message);
    }
}
