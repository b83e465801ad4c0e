package perpwatch.functions.guards;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;

/** Reads the newest entry of every stream the guards use, and the liquidations of the last five minutes. */
@Singleton
class GuardInputsReader {
    static final long HEARTBEAT_MAX_AGE_MS = 60_000;

    private final RedisStreams redis;

    GuardInputsReader(RedisStreams redis) {
        this.redis = redis;
    }

    /** @throws perpwatch.core.redis.StoreUnavailableException when Redis cannot be read */
    GuardInputs read(Instrument instrument, long nowMs) {
        Optional<StreamEntry> newestLiquidation = redis.last(StreamKeys.liquidations(instrument));
        int recent = newestLiquidation.isEmpty() ? 0 : redis.count(StreamKeys.liquidations(instrument),
                nowMs - GuardPolicy.LIQUIDATION_WINDOW.toMillis(), nowMs, GuardPolicy.LIQUIDATIONS_COUNTED_MAX);
        List<String> venues = StreamKeys.LIQUIDATION_VENUES;
        List<Long> beats = redis.heartbeats(venues.stream().map(v -> StreamKeys.liquidationHeartbeat(instrument, v)).toList());
        List<String> silent = new ArrayList<>();
        for (int i = 0; i < venues.size(); i++) {
            // The key expires on its own; the age check guards against a writer whose clock is far off.
            if (beats.get(i) == null || Math.abs(nowMs - beats.get(i)) > HEARTBEAT_MAX_AGE_MS) {
                silent.add(venues.get(i));
            }
        }
        return new GuardInputs(
                redis.last(StreamKeys.price(instrument)),
                redis.last(StreamKeys.trades(instrument)),
                redis.last(StreamKeys.book(instrument)),
                redis.last(StreamKeys.funding(instrument)),
                redis.last(StreamKeys.usdcTrades(instrument)),
                redis.last(StreamKeys.okxUsdtTrades(instrument)),
                recent, java.util.Map.of(), newestLiquidation, silent);
    }
}
