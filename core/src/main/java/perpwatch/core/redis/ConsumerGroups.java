package perpwatch.core.redis;

import java.util.Collection;
import perpwatch.core.stream.ConsumerGroup;
import perpwatch.core.stream.StreamKey;

/**
 * Makes sure every {@link ConsumerGroup} exists on the given streams. Idempotent: an existing group is left as it is
 * (its cursor and pending entries untouched), so every feed task can call it at each start.
 */
public final class ConsumerGroups {
    private ConsumerGroups() {}

    /**
     * Creates the missing groups (at the stream's end, making the stream if needed).
     *
     * @return how many groups were created now (0 when all existed)
     * @throws StoreUnavailableException when Redis cannot be reached; nothing is assumed created then
     */
    public static int ensure(RedisStreams redis, Collection<StreamKey> streams) {
        int created = 0;
        for (StreamKey stream : streams) {
            for (ConsumerGroup group : ConsumerGroup.values()) {
                if (redis.createGroup(stream, group.groupName())) {
                    created++;
                }
            }
        }
        return created;
    }
}
