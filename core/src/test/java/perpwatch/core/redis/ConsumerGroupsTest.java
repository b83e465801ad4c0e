package perpwatch.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.TestRedis;

/** The consumer groups of DESIGN §4 on a real Redis, and the read-and-acknowledge loop the README shows. */
class ConsumerGroupsTest {
    static final StreamKey FUNDING = new StreamKey("market:solusdt:funding", Duration.ofDays(30));
    static final StreamKey BOOK = new StreamKey("market:solusdt:book", Duration.ofDays(1));

    TestRedis redis;
    RedisStreams streams;
    RedisClient client;
    StatefulRedisConnection<String, String> connection;
    RedisCommands<String, String> raw;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        client = RedisClient.create(redis.url());
        connection = client.connect();
        raw = connection.sync();
    }

    @AfterEach
    void stop() {
        connection.close();
        client.shutdown();
        streams.close();
        redis.close();
    }

    List<String> groups(StreamKey key) {
        return raw.xinfoGroups(key.name()).stream()
                .map(g -> {
                    List<?> pairs = (List<?>) g;
                    return pairs.get(pairs.indexOf("name") + 1).toString();
                })
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void everyGroupIsCreatedOnEveryStreamEvenBeforeItsFirstEntry() {
        assertEquals(6, ConsumerGroups.ensure(streams, List.of(FUNDING, BOOK)));
        assertEquals(List.of("guards-consumer", "signals-consumer", "telemetry-consumer"), groups(FUNDING));
        assertEquals(List.of("guards-consumer", "signals-consumer", "telemetry-consumer"), groups(BOOK));
        assertEquals(0, streams.length(BOOK), "MKSTREAM made an empty stream for the group");
    }

    @Test
    void aSecondPassIsANoOpAndKeepsWhatAConsumerHasPending() {
        ConsumerGroups.ensure(streams, List.of(FUNDING));
        streams.add(FUNDING, Map.of("funding_rate", "0.0001"), System.currentTimeMillis());
        raw.xreadgroup(Consumer.from("signals-consumer", "s1"), XReadArgs.StreamOffset.lastConsumed(FUNDING.name()));
        assertEquals(1, raw.xpending(FUNDING.name(), "signals-consumer").getCount());

        assertEquals(0, ConsumerGroups.ensure(streams, List.of(FUNDING)), "BUSYGROUP is fine: nothing created again");
        assertEquals(
                1,
                raw.xpending(FUNDING.name(), "signals-consumer").getCount(),
                "the existing group was left as it was");
    }

    @Test
    void aSignalsConsumerReadsOnlyNewEntriesAndAcknowledgesThem() {
        streams.add(FUNDING, Map.of("funding_rate", "0.0001"), System.currentTimeMillis());
        ConsumerGroups.ensure(streams, List.of(FUNDING));
        String fresh = streams.add(FUNDING, Map.of("funding_rate", "0.0002"), System.currentTimeMillis());

        // As in the README: XREADGROUP GROUP signals-consumer <name> COUNT 100 STREAMS market:solusdt:funding >
        List<StreamMessage<String, String>> got = raw.xreadgroup(
                Consumer.from("signals-consumer", "signals-1"),
                XReadArgs.Builder.count(100),
                XReadArgs.StreamOffset.lastConsumed(FUNDING.name()));
        assertEquals(
                List.of(fresh),
                got.stream().map(StreamMessage::getId).toList(),
                "the group starts at $: history is not replayed");
        assertEquals("0.0002", got.get(0).getBody().get("funding_rate"));
        assertEquals(1, raw.xpending(FUNDING.name(), "signals-consumer").getCount());

        assertEquals(1, raw.xack(FUNDING.name(), "signals-consumer", fresh));
        assertEquals(
                0, raw.xpending(FUNDING.name(), "signals-consumer").getCount(), "acknowledged: nothing held for it");
        assertEquals(
                0, raw.xpending(FUNDING.name(), "guards-consumer").getCount(), "a group nobody read holds nothing");
    }
}
