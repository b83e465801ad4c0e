package perpwatch.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.archive.testing.TestArchiveS3;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.kinesis.LogRecord;

/** The rollup Lambda's handler on the events EventBridge and feedctl send, against the real S3 server. */
class ScheduledRollupTest {
    static final long HOUR_16 = 1_764_000_000_000L - 1_764_000_000_000L % 3_600_000L; // 2025-11-24T16:00Z
    static TestArchiveS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new TestArchiveS3("perpwatch-archive");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    @Test
    void theHourlyEventRollsThePreviousHourOfEveryDatasetAndTheDailyOneTheDay() {
        List<LoggedRecord> raw = new ArrayList<>();
        long seq = 1000;
        for (int i = 0; i < 5; i++) {
            raw.add(new LoggedRecord(
                    "shardId-000000000000",
                    Long.toString(seq++),
                    new LogRecord(
                            "market:solusdt:price",
                            Map.of(
                                    "price",
                                    "187.1" + i,
                                    "ts",
                                    Long.toString(HOUR_16 + i * 1000L),
                                    "recv_ts",
                                    Long.toString(HOUR_16 + i * 1000L + 5)),
                            HOUR_16 + i * 1000L,
                            "p-" + i)));
            raw.add(new LoggedRecord(
                    "shardId-000000000000",
                    Long.toString(seq++),
                    new LogRecord(
                            "onchain:drift:events",
                            Map.of(
                                    "signature",
                                    "sig" + i,
                                    "event_type",
                                    "liquidation",
                                    "ts",
                                    Long.toString(HOUR_16 + i * 1000L)),
                            HOUR_16 + i * 1000L + 1,
                            "helius:sig" + i)));
        }
        new RawPartWriter(s3.store).write(raw);

        // At 17:10 the schedule fires with {"scope":"hour"}: the 16h hour is rolled for every dataset.
        ScheduledRollupHandler handler = new ScheduledRollupHandler(new ScheduledRollup(
                new HourlyRollup(s3.store), InstrumentRegistry.defaults(), () -> HOUR_16 + 3_600_000L + 600_000L));
        assertEquals("{\"scope\":\"hour\",\"rows\":10}", handler.handleRequest(Map.of("scope", "hour"), null));
        String day = ArchivePaths.day(HOUR_16);
        List<Map<String, String>> prices =
                ParquetBytes.read(s3.store
                                .get(ArchivePaths.hourly("binance/SOLUSDT/price", day, "16"))
                                .orElseThrow())
                        .stream()
                        .map(r -> ArchiveRows.fields(Dataset.PRICE, r))
                        .toList();
        assertEquals(
                raw.stream()
                        .filter(r -> r.record().stream().equals("market:solusdt:price"))
                        .map(r -> r.record().fields())
                        .toList(),
                prices);
        assertTrue(s3.store.get(ArchivePaths.hourly("helius/drift", day, "16")).isPresent());

        // feedctl's explicit hour and day give the same rows; the day picks up the hour.
        assertEquals(
                "{\"scope\":\"hour\",\"rows\":10}",
                handler.handleRequest(Map.of("scope", "hour", "hour", ScheduledRollup.hourArg(HOUR_16)), null));
        assertEquals(
                "{\"scope\":\"day\",\"rows\":10}", handler.handleRequest(Map.of("scope", "day", "day", day), null));
        assertEquals(
                5,
                ParquetBytes.read(s3.store
                                .get(ArchivePaths.daily("binance/SOLUSDT/price", day))
                                .orElseThrow())
                        .size());

        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("scope", "week"), null));
    }
}
