package perpwatch.functions.guards;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.redis.EventCount;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.config.FunctionsConfig;

/** Reads the newest entry of every stream the guards use, and the liquidations of the last five minutes. */
@Singleton
class GuardInputsReader {
    static final long HEARTBEAT_MAX_AGE_MS = 60_000;

    private final RedisStreams redis;
    private final long clockSkewMaxMs;

    GuardInputsReader(RedisStreams redis, FunctionsConfig config) {
        this.redis = redis;
        this.clockSkewMaxMs = config.guards().clockSkewMax().toMillis();
    }

    /** Where liquidations sit in {@link #streams}; Velocity's streams, when listed, follow it. */
    private static final int LIQUIDATIONS = 6;

    /**
     * The streams an answer is built from, in a fixed order (see {@link #fingerprint}): Velocity's only for an
     * instrument listed there, since its stream names come from the Velocity listing.
     */
    static List<StreamKey> streams(Instrument instrument) {
        List<StreamKey> keys = new ArrayList<>(List.of(
                StreamKeys.price(instrument),
                StreamKeys.trades(instrument),
                StreamKeys.book(instrument),
                StreamKeys.funding(instrument),
                StreamKeys.usdcTrades(instrument),
                StreamKeys.okxUsdtTrades(instrument),
                StreamKeys.liquidations(instrument)));
        if (instrument.has(Venue.VELOCITY)) {
            keys.addAll(List.of(
                    StreamKeys.velocityBook(instrument),
                    StreamKeys.velocityOracle(instrument),
                    StreamKeys.velocityFunding(instrument)));
        }
        return List.copyOf(keys);
    }

    /**
     * What an answer for this instrument depends on, in one round trip: every input stream's newest id and every
     * liquidation venue's heartbeat. While it is unchanged, a cached answer is still the answer.
     *
     * @throws perpwatch.core.redis.StoreUnavailableException when Redis cannot be read
     */
    List<String> fingerprint(Instrument instrument) {
        return redis.fingerprint(
                streams(instrument).stream().map(StreamKey::name).toList(), heartbeatKeys(instrument));
    }

    /** {@link #fingerprint} without blocking; completes on Redis' I/O thread (see RedisStreams#fingerprintAsync). */
    CompletableFuture<List<String>> fingerprintAsync(Instrument instrument) {
        return redis.fingerprintAsync(
                streams(instrument).stream().map(StreamKey::name).toList(), heartbeatKeys(instrument));
    }

    private static List<String> heartbeatKeys(Instrument instrument) {
        return StreamKeys.LIQUIDATION_VENUES.stream()
                .map(v -> StreamKeys.liquidationHeartbeat(instrument, v))
                .toList();
    }

    /**
     * @param fingerprint this instrument's {@link #fingerprint}, read just before: its tail holds the venue heartbeats,
     *                    so they are judged as they were when the cache key was taken, and not read twice
     * @throws perpwatch.core.redis.StoreUnavailableException when Redis cannot be read
     */
    GuardInputs read(Instrument instrument, long nowMs, List<String> fingerprint) {
        // One round trip for the newest entry of every input stream, in streams()'s order.
        List<StreamKey> streams = streams(instrument);
        List<Optional<StreamEntry>> last = redis.lastAll(streams);
        Optional<StreamEntry> newestLiquidation = last.get(LIQUIDATIONS);
        boolean velocity = streams.size() > LIQUIDATIONS + 1;
        // By the venue's event time, not the entry id: a backlog flushed after a Redis outage gets fresh ids and must
        // not read as a cascade. A venue clock slightly ahead of ours must not drop a fresh liquidation either.
        EventCount count = newestLiquidation.isEmpty()
                ? null
                : redis.countByEventTime(
                        StreamKeys.liquidations(instrument),
                        nowMs - GuardPolicy.LIQUIDATION_WINDOW.toMillis(),
                        nowMs + clockSkewMaxMs,
                        GuardPolicy.LIQUIDATIONS_COUNTED_MAX);
        List<String> venues = StreamKeys.LIQUIDATION_VENUES;
        List<String> beats = fingerprint.subList(streams.size(), fingerprint.size());
        List<String> silent = new ArrayList<>();
        for (int i = 0; i < venues.size(); i++) {
            if (!instrument.onExchange(venues.get(i))) {
                continue;
            }
            // The key expires on its own; the age check guards against a writer whose clock is far off.
            Long beat = heartbeatTime(beats.get(i));
            if (beat == null || Math.abs(nowMs - beat) > HEARTBEAT_MAX_AGE_MS) {
                silent.add(venues.get(i));
            }
        }
        return new GuardInputs(
                last.get(0),
                last.get(1),
                last.get(2),
                last.get(3),
                last.get(4),
                last.get(5),
                Optional.ofNullable(count),
                newestLiquidation,
                silent,
                velocity ? last.get(LIQUIDATIONS + 1) : Optional.empty(),
                velocity ? last.get(LIQUIDATIONS + 2) : Optional.empty(),
                velocity ? last.get(LIQUIDATIONS + 3) : Optional.empty());
    }

    /** A heartbeat key's value (epoch ms), or null when absent or unreadable: either way the venue is silent. */
    private static Long heartbeatTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
