package perpwatch.feeds.solana;

/** Receives a program's accounts one at a time while the response streams in. */
public interface AccountSink {
    /** A retried request starts over: forget what the failed attempt delivered. */
    void restart();

    void accept(String pubkey, byte[] data);
}
