package perpwatch.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.core.kinesis.KinesisClients;
import perpwatch.core.kinesis.KinesisConfig;
import perpwatch.core.testing.TestKinesis;
import perpwatch.local.net.FreePorts;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The harness's Kinesis faults are only worth their figures if the product's own client reads them as AWS's: the
 * proxy in front of the real emulator, driven through the client the feeds use.
 */
class KinesisFaultProxyTest {
    static TestKinesis kinesis;
    static KinesisFaultProxy proxy;
    static KinesisClient client;

    @BeforeAll
    static void start() throws Exception {
        kinesis = TestKinesis.start("perpwatch-events", 1);
        proxy = new KinesisFaultProxy(kinesis.endpoint(), FreePorts.any());
        client = KinesisClients.create(
                new KinesisConfig("perpwatch-events", Optional.of(proxy.endpoint()), "us-east-1"));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void passesThroughThenThrottlesThenRefusesConnectionsThenRecovers() throws Exception {
        assertEquals(0, put("a").failedRecordCount(), "through the proxy, the emulator takes the record");
        long passed = proxy.passed();

        proxy.throttle(1.0);
        ProvisionedThroughputExceededException throttled =
                assertThrows(ProvisionedThroughputExceededException.class, () -> put("b"));
        assertEquals(400, throttled.statusCode());
        assertEquals(1, proxy.throttled());
        proxy.throttle(0);

        proxy.down();
        assertThrows(SdkClientException.class, () -> put("c"), "an endpoint that refuses connections");
        proxy.up();

        assertEquals(0, put("d").failedRecordCount());
        assertTrue(proxy.passed() > passed);
        assertEquals(java.util.List.of("a", "d"), stored(), "only the calls the proxy let through reached the stream");
    }

    /** The stream's records, read from the emulator directly (not through the proxy). */
    private static java.util.List<String> stored() {
        return kinesis.readRaw().stream()
                .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    private static PutRecordsResponse put(String data) {
        return client.putRecords(PutRecordsRequest.builder()
                .streamName("perpwatch-events")
                .records(PutRecordsRequestEntry.builder()
                        .partitionKey("k")
                        .data(SdkBytes.fromUtf8String(data))
                        .build())
                .build());
    }
}
