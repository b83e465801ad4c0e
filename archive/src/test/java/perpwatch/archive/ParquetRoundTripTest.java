package perpwatch.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.archive.testing.TestArchiveS3;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.LastTrade;
import perpwatch.core.model.LastTradeCodec;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.OracleReading;
import perpwatch.core.model.OracleReadingCodec;
import perpwatch.core.model.PositionSide;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.model.SettledFunding;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.stream.StreamKeys;

/** Every dataset: the feeds' own encoded records → Parquet → a real S3 API server → Parquet → the same fields. */
public class ParquetRoundTripTest {
    static final Instrument SOL = Instrument.sol();
    static final long T = 1_764_000_000_000L;
    static TestArchiveS3 s3;

    @BeforeAll
    static void start() throws Exception {
        s3 = new TestArchiveS3("perpwatch-archive");
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    /** Records as the feed tasks and the webhook write them, several per dataset, with exact decimals. */
    public static Map<Dataset, List<LogRecord>> samples() {
        Map<Dataset, List<LogRecord>> out = new EnumMap<>(Dataset.class);
        for (int i = 0; i < 50; i++) {
            long ts = T + i * 60_000L;
            BigDecimal px = new BigDecimal("187.0" + i % 10).add(BigDecimal.valueOf(i, 4));
            add(
                    out,
                    StreamKeys.trades(SOL).name(),
                    BarCodec.INSTANCE.encode(new Bar(
                            ts,
                            px,
                            px.add(BigDecimal.ONE),
                            px.subtract(BigDecimal.ONE),
                            px,
                            new BigDecimal("1200.5"),
                            new BigDecimal("800.25"),
                            new BigDecimal("-15000.75").add(BigDecimal.valueOf(i)),
                            px,
                            300 + i,
                            10L * i,
                            10L * i + 9,
                            ts + 61_000)),
                    ts);
            add(out, StreamKeys.price(SOL).name(), PriceTickCodec.INSTANCE.encode(new PriceTick(px, ts, ts + 3)), ts);
            add(
                    out,
                    StreamKeys.book(SOL).name(),
                    BookTopCodec.INSTANCE.encode(new BookTop(
                            px,
                            BigDecimal.TEN,
                            px.add(new BigDecimal("0.01")),
                            BigDecimal.ONE,
                            new BigDecimal("0.5345"),
                            new BigDecimal("250000.123456789"),
                            new BigDecimal("198000"),
                            ts,
                            ts + 2)),
                    ts);
            add(
                    out,
                    StreamKeys.liquidations(SOL).name(),
                    LiquidationCodec.INSTANCE.encode(new Liquidation(
                            i % 2 == 0 ? "okx" : "bybit",
                            "SOL-USDC-SWAP",
                            i % 3 == 0 ? PositionSide.LONG : PositionSide.SHORT,
                            px,
                            new BigDecimal("2.5"),
                            px.multiply(new BigDecimal("2.5")),
                            ts,
                            ts + 5)),
                    ts);
            add(
                    out,
                    StreamKeys.funding(SOL).name(),
                    FundingSnapshotCodec.INSTANCE.encode(new FundingSnapshot(
                            "SOLUSDT",
                            new BigDecimal("1500000000.0001"),
                            new BigDecimal("8000000"),
                            new BigDecimal("0.0001"),
                            new BigDecimal("0.0001"),
                            8,
                            new BigDecimal("10.95"),
                            ts + 3_600_000,
                            px,
                            ts,
                            ts + 40)),
                    ts);
            add(
                    out,
                    StreamKeys.fundingSettled(SOL).name(),
                    SettledFundingCodec.INSTANCE.encode(new SettledFunding(
                            "SOLUSDT",
                            new BigDecimal("-0.00005"),
                            new BigDecimal("-0.00005"),
                            8,
                            new BigDecimal("-5.475"),
                            ts,
                            ts + 60_000)),
                    ts);
            add(
                    out,
                    StreamKeys.usdcTrades(SOL).name(),
                    LastTradeCodec.INSTANCE.encode(
                            new LastTrade("SOL-USDC-SWAP", px, "buy", new BigDecimal("0.3"), ts, ts + 1)),
                    ts);
            add(
                    out,
                    StreamKeys.okxUsdtTrades(SOL).name(),
                    LastTradeCodec.INSTANCE.encode(
                            new LastTrade("SOL-USDT-SWAP", px, "sell", new BigDecimal("3"), ts, ts + 1)),
                    ts);
            add(
                    out,
                    StreamKeys.velocityBook(SOL).name(),
                    BookTopCodec.INSTANCE.encode(new BookTop(
                            px,
                            new BigDecimal("12.5"),
                            px.add(new BigDecimal("0.0001")),
                            new BigDecimal("3.000000001"),
                            new BigDecimal("0.0053"),
                            new BigDecimal("81000.5"),
                            new BigDecimal("79000.25"),
                            ts,
                            ts + 4)),
                    ts);
            add(
                    out,
                    StreamKeys.velocityFunding(SOL).name(),
                    SettledFundingCodec.INSTANCE.encode(new SettledFunding(
                            "SOL-PERP",
                            new BigDecimal("0.0000125"),
                            new BigDecimal("0.0001"),
                            1,
                            new BigDecimal("10.95"),
                            ts,
                            ts + 30_000)),
                    ts);
            add(
                    out,
                    StreamKeys.velocityOracle(SOL).name(),
                    OracleReadingCodec.INSTANCE.encode(new OracleReading(
                            "SOL-PERP",
                            px,
                            new BigDecimal("0.0300001"),
                            318_000_000L + i,
                            318_000_003L + i,
                            ts,
                            ts + 2)),
                    ts);
            Map<String, String> drift = new java.util.LinkedHashMap<>();
            drift.put("signature", "sig-" + i);
            drift.put("event_type", "UNKNOWN");
            drift.put("account", "payer");
            drift.put("slot", Long.toString(300_000_000L + i));
            drift.put("data", "{\"signature\":\"sig-" + i + "\",\"note\":\"ünïcode ✓\"}");
            drift.put("timestamp", Long.toString(ts / 1000));
            drift.put("ts", Long.toString(ts));
            drift.put("recv_ts", Long.toString(ts + 7));
            add(out, StreamKeys.driftEvents().name(), drift, ts);
            Map<String, String> decision = new java.util.LinkedHashMap<>();
            decision.put("symbol", "SOL");
            decision.put("status", i % 2 == 0 ? "breach" : "passing");
            decision.put("data_source", "live");
            decision.put(
                    "warnings",
                    i % 2 == 0
                            ? "[\"liq_events_5m: 11 liquidations in 5 min is above the breach threshold of 10\"]"
                            : "[]");
            decision.put("ages", "{\"price\":800,\"bar\":null}");
            decision.put(
                    "states", "{\"price\":\"pass\",\"liq_events_5m\":\"" + (i % 2 == 0 ? "breach" : "pass") + "\"}");
            decision.put("thresholds_version", "b4269e2c590a");
            decision.put("seq", Long.toString(i + 1));
            decision.put("instance", "0ea53af3");
            decision.put("ts", Long.toString(ts));
            decision.put("recv_ts", Long.toString(ts + 2));
            add(out, StreamKeys.guardDecisions(SOL).name(), decision, ts);
        }
        return out;
    }

    static final java.util.concurrent.atomic.AtomicLong NEXT_ID = new java.util.concurrent.atomic.AtomicLong();

    static void add(Map<Dataset, List<LogRecord>> out, String stream, Map<String, String> fields, long ts) {
        Dataset dataset = Dataset.locate(stream).orElseThrow().dataset();
        out.computeIfAbsent(dataset, d -> new ArrayList<>())
                .add(new LogRecord(stream, fields, ts + 10, "t-" + NEXT_ID.incrementAndGet()));
    }

    @Test
    void everyDatasetRoundTripsThroughParquetAndS3Exactly() {
        Map<Dataset, List<LogRecord>> samples = samples();
        assertEquals(Dataset.values().length, samples.size(), "every dataset is covered");
        for (Map.Entry<Dataset, List<LogRecord>> e : samples.entrySet()) {
            Dataset dataset = e.getKey();
            List<LogRecord> records = e.getValue();
            String path = Dataset.locate(records.get(0).stream()).orElseThrow().path();
            List<GenericRecord> rows = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                rows.add(ArchiveRows.row(dataset, records.get(i), "shardId-000000000000", String.format("%056d", i)));
            }
            byte[] parquet = ParquetBytes.write(dataset.schema(), rows);
            assertArrayEquals(parquet, ParquetBytes.write(dataset.schema(), rows), dataset + ": same rows, same bytes");
            String key = "hourly/" + path + "/20251124/16.parquet";
            s3.store.put(key, parquet);

            List<GenericRecord> back = ParquetBytes.read(s3.store.get(key).orElseThrow());
            assertEquals(records.size(), back.size(), dataset.name());
            for (int i = 0; i < records.size(); i++) {
                assertEquals(records.get(i).fields(), ArchiveRows.fields(dataset, back.get(i)), dataset + " row " + i);
                assertEquals(records.get(i).writtenMs(), back.get(i).get(Dataset.WRITTEN_MS));
                assertEquals(
                        String.format("%056d", i),
                        back.get(i).get(Dataset.SEQUENCE).toString());
            }
            assertTrue(s3.store.list("hourly/" + path + "/").contains(key));
        }
    }

    @Test
    void fundingRowsWrittenBeforeOiTwoSidedExistedStayReadable() {
        // The FUNDING schema as it was: no oi_two_sided, no oi_ts; oi_notional then was the two-sided figure.
        List<String> before = List.of(
                "symbol",
                "oi_notional",
                "oi_value",
                "funding_rate",
                "funding_rate_8h",
                "funding_interval_h",
                "funding_apr",
                "next_funding_time",
                "mark_price",
                "ts",
                "recv_ts");
        org.apache.avro.SchemaBuilder.FieldAssembler<org.apache.avro.Schema> fields =
                org.apache.avro.SchemaBuilder.record("funding")
                        .namespace("perpwatch.archive")
                        .fields();
        for (String field : before) {
            fields = fields.optionalString(field);
        }
        org.apache.avro.Schema old = fields.requiredLong(Dataset.WRITTEN_MS)
                .requiredString(Dataset.SHARD)
                .requiredString(Dataset.SEQUENCE)
                .optionalString(Dataset.RECORD_ID)
                .endRecord();
        Map<String, String> oldFields = new java.util.LinkedHashMap<>();
        before.forEach(
                f -> oldFields.put(f, f.equals("funding_interval_h") ? "8" : f.equals("symbol") ? "SOLUSDT" : "1"));
        org.apache.avro.generic.GenericData.Record row = new org.apache.avro.generic.GenericData.Record(old);
        oldFields.forEach(row::put);
        row.put(Dataset.WRITTEN_MS, T);
        row.put(Dataset.SHARD, "shardId-000000000000");
        row.put(Dataset.SEQUENCE, "1");

        GenericRecord back =
                ParquetBytes.read(ParquetBytes.write(old, List.of(row))).get(0);
        assertEquals(
                oldFields,
                ArchiveRows.fields(Dataset.FUNDING, back),
                "read with today's field list, the new fields simply absent");
        FundingSnapshot s = FundingSnapshotCodec.INSTANCE.decode(ArchiveRows.fields(Dataset.FUNDING, back));
        assertEquals(null, s.oiNotional(), "the old two-sided oi_notional is not passed off as one-sided");
    }

    @Test
    void streamKeysMapToDesignPaths() {
        assertEquals(
                "binance/SOLUSDT/trades",
                Dataset.locate("market:solusdt:trades").orElseThrow().path());
        assertEquals(
                "okx/SOLUSDC/trades",
                Dataset.locate("market:solusdc:trades").orElseThrow().path());
        assertEquals(
                "bybit/SOLUSDT/funding",
                Dataset.locate("market:solusdt:funding").orElseThrow().path());
        assertEquals(
                "bybit/SOLUSDT/funding_settled",
                Dataset.locate("market:solusdt:funding_settled").orElseThrow().path());
        assertEquals(
                "liquidations/SOLUSDT",
                Dataset.locate("market:solusdt:liquidations").orElseThrow().path());
        assertEquals(
                "helius/drift",
                Dataset.locate("onchain:drift:events").orElseThrow().path());
        assertEquals(
                "guards/SOL/decisions",
                Dataset.locate("engine:guards:decisions:sol").orElseThrow().path());
        assertEquals(
                "velocity/SOL-PERP/book",
                Dataset.locate("velocity:sol-perp:book").orElseThrow().path());
        assertEquals(
                "velocity/SOL-PERP/funding",
                Dataset.locate("velocity:sol-perp:funding").orElseThrow().path());
        assertEquals(
                "velocity:sol-perp:funding",
                Dataset.forPath("velocity/SOL-PERP/funding").orElseThrow().streamKey());
        assertTrue(Dataset.locate("something:else").isEmpty());
    }
}
