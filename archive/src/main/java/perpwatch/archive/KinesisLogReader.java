package perpwatch.archive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import perpwatch.core.kinesis.LogRecordCodec;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The local stand-in for the Lambda event source mapping: reads every shard from where it last stopped (from the
 * oldest record the first time) and hands the archiver the same batches Lambda would. Its position is kept in
 * memory: a restart re-reads from the oldest record, which the archiver tolerates (same keys, same bytes).
 */
public final class KinesisLogReader {
    private final KinesisClient kinesis;
    private final String stream;
    private final Map<String, String> iterators = new HashMap<>();

    public KinesisLogReader(KinesisClient kinesis, String stream) {
        this.kinesis = kinesis;
        this.stream = stream;
    }

    /** Everything new on every shard, up to {@code limitPerShard} records each. */
    public List<LoggedRecord> poll(int limitPerShard) {
        List<LoggedRecord> out = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = iterators.computeIfAbsent(
                    shard.shardId(),
                    id -> kinesis.getShardIterator(b ->
                                    b.streamName(stream).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                            .shardIterator());
            var page = kinesis.getRecords(b -> b.shardIterator(iterator).limit(limitPerShard));
            for (Record r : page.records()) {
                out.add(new LoggedRecord(
                        shard.shardId(),
                        r.sequenceNumber(),
                        LogRecordCodec.decode(r.data().asByteArray())));
            }
            iterators.put(shard.shardId(), page.nextShardIterator());
        }
        return out;
    }
}
