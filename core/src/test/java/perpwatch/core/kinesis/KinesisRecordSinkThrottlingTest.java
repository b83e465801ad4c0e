package perpwatch.core.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Partial failures: the emulator never throttles, so a scripted client answers the first call with two entries
 * refused (as Kinesis does on a hot shard). The real service path is covered by KinesisRecordSinkTest.
 */
class KinesisRecordSinkThrottlingTest {
    @Test
    void onlyTheThrottledEntriesAreResent() {
        List<List<String>> calls = new ArrayList<>();
        KinesisClient throttling = new KinesisClient() {
            @Override
            public PutRecordsResponse putRecords(PutRecordsRequest request) {
                List<String> sent = request.records().stream()
                        .map(e -> e.data().asUtf8String())
                        .toList();
                calls.add(sent);
                List<PutRecordsResultEntry> results = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    boolean refuse = calls.size() == 1 && (i == 1 || i == 3);
                    results.add(
                            refuse
                                    ? PutRecordsResultEntry.builder()
                                            .errorCode("ProvisionedThroughputExceededException")
                                            .errorMessage("Rate exceeded for shard")
                                            .build()
                                    : PutRecordsResultEntry.builder()
                                            .shardId("shardId-0")
                                            .sequenceNumber(calls.size() + "-" + i)
                                            .build());
                }
                return PutRecordsResponse.builder()
                        .records(results)
                        .failedRecordCount(calls.size() == 1 ? 2 : 0)
                        .build();
            }

            @Override
            public String serviceName() {
                return "kinesis";
            }

            @Override
            public void close() {}
        };
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(new LogRecord("k", Map.of("i", Integer.toString(i)), i, "t-" + i));
        }
        List<String> sequences = new KinesisRecordSink(throttling, "s", 3, 1).put(records);
        assertEquals(2, calls.size());
        assertEquals(5, calls.get(0).size());
        assertEquals(
                List.of(
                        new String(LogRecordCodec.encode(records.get(1))),
                        new String(LogRecordCodec.encode(records.get(3)))),
                calls.get(1),
                "only the two refused entries, in order");
        assertEquals(
                List.of("1-0", "2-0", "1-2", "2-1", "1-4"),
                sequences,
                "every record ends with its own sequence number");
    }
}
