package perpwatch.local.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import perpwatch.archive.ArchivePaths;
import perpwatch.archive.ArchiveRows;
import perpwatch.archive.Dataset;
import perpwatch.archive.HourlyRollup;
import perpwatch.archive.KinesisLogReader;
import perpwatch.archive.LoggedRecord;
import perpwatch.archive.ParquetBytes;
import perpwatch.archive.ParquetRoundTripTest;
import perpwatch.archive.RawPartWriter;
import perpwatch.archive.S3ArchiveStore;
import perpwatch.core.kinesis.KinesisClients;
import perpwatch.core.kinesis.KinesisConfig;
import perpwatch.core.kinesis.KinesisRecordSink;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.testing.TestRedis;
import perpwatch.local.helius.GeneratedDriftTransactions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The archive round trip and the webhook path against real LocalStack (Kinesis, S3, Secrets Manager). Skipped,
 * quickly and cleanly, where no Docker engine runs; the embedded local cloud's tests cover that case.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackRoundTripTest {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4.0");

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(IMAGE)
            .withServices(
                    LocalStackContainer.Service.KINESIS,
                    LocalStackContainer.Service.S3,
                    LocalStackContainer.Service.SECRETSMANAGER);

    static KinesisClient kinesis;

    @BeforeAll
    static void clients() {
        kinesis = KinesisClients.create(kinesisConfig("unused"));
    }

    @AfterAll
    static void close() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    static KinesisConfig kinesisConfig(String stream) {
        return new KinesisConfig(stream, Optional.of(LOCALSTACK.getEndpoint()), LOCALSTACK.getRegion());
    }

    static void createStream(String name) throws InterruptedException {
        kinesis.createStream(b -> b.streamName(name).shardCount(2));
        while (!kinesis.describeStreamSummary(b -> b.streamName(name))
                .streamDescriptionSummary()
                .streamStatusAsString()
                .equals("ACTIVE")) {
            Thread.sleep(200);
        }
    }

    @Test
    void recordsReachParquetThroughLocalStackKinesisAndS3() throws Exception {
        createStream("archive-roundtrip");
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .forcePathStyle(true)
                .credentialsProvider(credentials())
                .build()) {
            s3.createBucket(b -> b.bucket("perpwatch-archive"));
        }
        S3ArchiveStore store = S3ArchiveStore.create(
                "perpwatch-archive",
                LOCALSTACK.getRegion(),
                Optional.of(LOCALSTACK.getEndpoint()),
                Optional.of(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())));

        Map<Dataset, List<LogRecord>> samples = ParquetRoundTripTest.samples();
        List<LogRecord> all = new ArrayList<>();
        samples.values().forEach(all::addAll);
        new KinesisRecordSink(kinesis, "archive-roundtrip", 3, 10).put(all);
        KinesisLogReader reader = new KinesisLogReader(kinesis, "archive-roundtrip");
        List<LoggedRecord> logged = new ArrayList<>();
        for (int i = 0; i < 50 && logged.size() < all.size(); i++) {
            logged.addAll(reader.poll(10_000));
        }
        assertEquals(all.size(), logged.size());
        new RawPartWriter(store).write(logged);
        new RawPartWriter(store).write(logged); // redelivered: no duplicate rows

        HourlyRollup rollup = new HourlyRollup(store);
        for (Map.Entry<Dataset, List<LogRecord>> e : samples.entrySet()) {
            String path =
                    Dataset.locate(e.getValue().get(0).stream()).orElseThrow().path();
            String day = ArchivePaths.day(e.getValue().get(0).writtenMs());
            for (String hour : e.getValue().stream()
                    .map(r -> ArchivePaths.hour(r.writtenMs()))
                    .distinct()
                    .toList()) {
                rollup.rollHour(e.getKey(), path, day, hour);
            }
            rollup.rollDay(e.getKey(), path, day);
            List<GenericRecord> back =
                    ParquetBytes.read(store.get(ArchivePaths.daily(path, day)).orElseThrow());
            assertEquals(
                    e.getValue().stream().map(LogRecord::fields).toList(),
                    back.stream().map(r -> ArchiveRows.fields(e.getKey(), r)).toList(),
                    e.getKey() + ": the input, in order");
        }
    }

    @Test
    void theWebhookReadsItsSecretFromSecretsManagerAndLogsDriftEventsToKinesis() throws Exception {
        createStream("webhook-events");
        String arn;
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(credentials())
                .build()) {
            arn = secrets.createSecret(
                            b -> b.name("perpwatch-test-helius-auth").secretString("Bearer from-secrets-manager"))
                    .arn();
        }
        try (TestRedis redis = TestRedis.start()) {
            Map<String, Object> props = new HashMap<>();
            props.put("perpwatch.redis.url", redis.url());
            props.put("micronaut.server.port", -1);
            props.put("micronaut.server.host", "127.0.0.1");
            props.put("perpwatch.durable.log", "kinesis");
            props.put("perpwatch.kinesis.stream", "webhook-events");
            props.put("perpwatch.kinesis.endpoint", LOCALSTACK.getEndpoint().toString());
            props.put("perpwatch.secrets.endpoint", LOCALSTACK.getEndpoint().toString());
            props.put("perpwatch.helius.auth.secret.arn", arn);
            props.put("aws.region", LOCALSTACK.getRegion());
            try (ApplicationContext api =
                    ApplicationContext.builder().properties(props).start()) {
                EmbeddedServer server = api.getBean(EmbeddedServer.class).start();
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest.Builder post = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.getPort() + "/api/webhooks/helius"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                GeneratedDriftTransactions.batch(3, System.currentTimeMillis())));
                assertEquals(
                        401,
                        http.send(
                                        post.copy()
                                                .header("Authorization", "Bearer perpwatch-local")
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode(),
                        "only the secret's value is accepted");
                HttpResponse<String> ok = http.send(
                        post.header("Authorization", "Bearer from-secrets-manager")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ok.statusCode(), ok.body());
            }
        }
        KinesisLogReader reader = new KinesisLogReader(kinesis, "webhook-events");
        List<LoggedRecord> logged = new ArrayList<>();
        for (int i = 0; i < 50 && logged.size() < 3; i++) {
            logged.addAll(reader.poll(1_000));
        }
        assertEquals(3, logged.size());
        logged.forEach(r -> assertEquals("onchain:drift:events", r.record().stream()));
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
    }
}
