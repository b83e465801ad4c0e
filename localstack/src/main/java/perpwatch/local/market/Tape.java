package perpwatch.local.market;

/** An endless source of venue frames (replayed or generated). */
public interface Tape {
    /** The next frame; its {@code sendAtMs} is never earlier than the previous one's. */
    TapeFrame next();
}
