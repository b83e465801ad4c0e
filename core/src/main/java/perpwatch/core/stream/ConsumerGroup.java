package perpwatch.core.stream;

/**
 * The consumer groups DESIGN §4 puts on every market stream, one per kind of reader. A group is a cursor and a list
 * of delivered-but-unacknowledged entries, nothing more: a group nobody reads holds no entries and costs next to no
 * memory, and trimming ({@code MINID ~}) still removes old entries whatever the groups have read. Only entries a
 * consumer took with {@code XREADGROUP} and has not {@code XACK}ed stay in its pending list.
 */
public enum ConsumerGroup {
    GUARDS("guards-consumer"),
    TELEMETRY("telemetry-consumer"),
    SIGNALS("signals-consumer");

    private final String groupName;

    ConsumerGroup(String groupName) {
        this.groupName = groupName;
    }

    /** The name in Redis, e.g. {@code signals-consumer}. */
    public String groupName() {
        return groupName;
    }
}
