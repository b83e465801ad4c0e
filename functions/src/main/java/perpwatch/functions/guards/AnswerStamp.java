package perpwatch.functions.guards;

import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This API instance's identity and answer counter. An engine (or the decision log) orders the answers of one
 * instance by {@code seq} and tells instances apart by {@code instance}; Lambda runs many instances, each its own.
 * The identity is drawn at the first answer, not at construction: with SnapStart every instance restored from one
 * snapshot would otherwise share the identity drawn before the snapshot, and their seqs would collide.
 */
@Singleton
public class AnswerStamp {
    private final AtomicLong seq = new AtomicLong();
    private volatile String instance;

    public String instance() {
        String id = instance;
        if (id == null) {
            synchronized (this) {
                if (instance == null) {
                    instance = UUID.randomUUID().toString().substring(0, 8);
                }
                id = instance;
            }
        }
        return id;
    }

    long next() {
        return seq.incrementAndGet();
    }
}
