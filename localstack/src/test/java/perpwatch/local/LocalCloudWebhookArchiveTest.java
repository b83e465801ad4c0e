package perpwatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import perpwatch.archive.Dataset;
import perpwatch.archive.ParquetBytes;
import perpwatch.archive.S3ArchiveStore;
import perpwatch.core.config.Env;
import perpwatch.local.archive.LocalKinesis;
import perpwatch.local.net.FreePorts;
import perpwatch.local.webhook.HeliusDeliveries;

/**
 * The local cloud archives webhook events as the cloud does: a delivery posted to its API reaches its Kinesis
 * emulator and, through its archiver, a Parquet part in its S3 (the API used to run with the durable log off).
 */
class LocalCloudWebhookArchiveTest {
    @Test
    void aWebhookEventPostedToTheLocalCloudIsArchivedInItsS3() throws Exception {
        boolean installed = LocalKinesis.installed(Path.of("").toAbsolutePath()).isPresent();
        if (!Boolean.getBoolean("perpwatch.require.kinesis")) {
            Assumptions.assumeTrue(installed, "kinesis-local is not installed (npm ci --prefix tools/kinesis-local)");
        }
        Path fixtures = Path.of(System.getProperty("perpwatch.fixtures", "../../shared/fixtures"));
        try (LocalCloud cloud = new LocalCloud()) {
            cloud.start(
                    new LocalCloudOptions(LocalCloudOptions.Mode.SYNTHETIC, FreePorts.any(), FreePorts.any(), fixtures),
                    Env.system());
            S3ArchiveStore store = cloud.archiveStore()
                    .orElseThrow(() -> new AssertionError("the local cloud started without its archive"));
            String signature = "local-cloud-" + System.nanoTime();
            var answer = HeliusDeliveries.post(
                    cloud.apiUrl(), LocalCloud.LOCAL_HELIUS_AUTH, HeliusDeliveries.body(List.of(signature)));
            assertEquals(200, answer.statusCode(), answer.body());

            // The archiver writes raw parts every 5 s.
            List<GenericRecord> rows = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (rows.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                for (String key : store.list("raw/helius/drift/")) {
                    store.get(key)
                            .ifPresent(bytes -> ParquetBytes.read(bytes).stream()
                                    .filter(r -> signature.equals(String.valueOf(r.get("signature"))))
                                    .forEach(rows::add));
                }
            }
            assertEquals(1, rows.size(), "the event is in a Parquet part in the local cloud's S3");
            assertEquals(
                    "helius:" + signature, rows.get(0).get(Dataset.RECORD_ID).toString());
            assertTrue(String.valueOf(rows.get(0).get("data")).contains(signature));
        }
    }
}
