package perpwatch.feeds.ws;

import java.time.Duration;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * How a feed connection behaves when things go wrong.
 *
 * @param backoff        delays between failed attempts (250 ms doubling to 60 s, ±20 % jitter by default)
 * @param healthyAfter   a connection that lived this long, or carried {@value ReconnectingWebSocket#HEALTHY_FRAMES}
 *                       frames, resets the backoff to its first step
 * @param silenceTimeout no frame at all (data, ping or pong) for this long means the link is dead: reconnect
 * @param maxAge         rotate the connection proactively after this long (Binance closes at 24 h); empty = never
 * @param keepalive      what to send on a quiet connection; empty = nothing
 * @param connectTimeout how long the WebSocket handshake may take
 */
public record ReconnectPolicy(
        Backoff backoff,
        Duration healthyAfter,
        Duration silenceTimeout,
        Optional<Duration> maxAge,
        Optional<Keepalive> keepalive,
        Duration connectTimeout) {

    /**
     * {@code PERPWATCH_WS_BACKOFF_INITIAL} (250ms), {@code PERPWATCH_WS_BACKOFF_MAX} (60s), {@code
     * PERPWATCH_WS_HEALTHY_AFTER}
     * (60s), {@code PERPWATCH_WS_SILENCE} (30s), {@code PERPWATCH_WS_CONNECT_TIMEOUT} (10s).
     */
    public static ReconnectPolicy fromEnv(Env env) {
        Backoff backoff = new Backoff(
                // A quarter second after a blip: every second offline is trades the bars never see. Binance allows 300
                // connection attempts per 5 minutes per IP; the doubling keeps a dead venue far below that.
                env.duration("PERPWATCH_WS_BACKOFF_INITIAL", Duration.ofMillis(250)),
                env.duration("PERPWATCH_WS_BACKOFF_MAX", Duration.ofSeconds(60)),
                0.2);
        return new ReconnectPolicy(
                backoff,
                env.duration("PERPWATCH_WS_HEALTHY_AFTER", Duration.ofSeconds(60)),
                env.duration("PERPWATCH_WS_SILENCE", Duration.ofSeconds(30)),
                Optional.empty(),
                Optional.empty(),
                env.duration("PERPWATCH_WS_CONNECT_TIMEOUT", Duration.ofSeconds(10)));
    }

    /**
     * The venue's keepalive, sent at least twice per silence timeout: a quiet but healthy link then always answers
     * before the watchdog fires, and only a link that stopped answering is replaced.
     */
    public ReconnectPolicy withKeepalive(Keepalive other) {
        Duration half = silenceTimeout.dividedBy(2);
        Keepalive effective = other.interval().compareTo(half) > 0 ? new Keepalive(half, other.text()) : other;
        return new ReconnectPolicy(
                backoff, healthyAfter, silenceTimeout, maxAge, Optional.of(effective), connectTimeout);
    }

    public ReconnectPolicy withMaxAge(Duration other) {
        return new ReconnectPolicy(
                backoff, healthyAfter, silenceTimeout, Optional.of(other), keepalive, connectTimeout);
    }

    public ReconnectPolicy withSilenceTimeout(Duration other) {
        return new ReconnectPolicy(backoff, healthyAfter, other, maxAge, keepalive, connectTimeout);
    }
}
