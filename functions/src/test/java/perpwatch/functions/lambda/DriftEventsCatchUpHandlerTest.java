package perpwatch.functions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.kinesis.LogRecordCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;

/**
 * The catch-up Lambda: a Kinesis batch of log records → each Drift event in Redis once; Redis down → the batch fails.
 */
class DriftEventsCatchUpHandlerTest {
    static KinesisEvent event(List<LogRecord> records) {
        List<KinesisEvent.KinesisEventRecord> out = new ArrayList<>();
        int seq = 0;
        for (LogRecord record : records) {
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setData(ByteBuffer.wrap(LogRecordCodec.encode(record)));
            kinesis.setSequenceNumber(Integer.toString(++seq));
            KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
            r.setKinesis(kinesis);
            r.setEventID("shardId-000000000000:" + seq);
            out.add(r);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(out);
        return event;
    }

    static LogRecord drift(String signature) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("signature", signature);
        fields.put("ts", "1767323000000");
        return new LogRecord(StreamKeys.driftEvents().name(), fields, 1_767_323_000_000L, "helius:" + signature);
    }

    @Test
    void eachDriftEventOnceAndOtherStreamsIgnored() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            var handler = new DriftEventsCatchUpHandler(Env.of(Map.of("PERPWATCH_REDIS_URL", redis.url())));
            LogRecord price = new LogRecord("market:solusdt:price", Map.of("price", "1"), 1, "p-1");
            KinesisEvent batch = event(List.of(drift("c-1"), price, drift("c-2"), drift("c-1")));
            handler.handleRequest(batch, new TestLambdaContext());
            handler.handleRequest(batch, new TestLambdaContext()); // Lambda retried the batch
            assertEquals(
                    List.of("c-1", "c-2"),
                    streams.range(StreamKeys.driftEvents(), 0, Long.MAX_VALUE, 100).stream()
                            .map(e -> e.fields().get("signature"))
                            .toList());
            assertEquals(0, streams.length(StreamKeys.price(perpwatch.core.instrument.Instrument.sol())));

            redis.stop();
            assertThrows(
                    StoreUnavailableException.class,
                    () -> handler.handleRequest(event(List.of(drift("c-3"))), new TestLambdaContext()),
                    "Redis down fails the batch, so Lambda keeps its position and retries");
        }
    }
}
