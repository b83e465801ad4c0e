package perpwatch.local.liquidations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.subscription.SubscriptionState;
import perpwatch.local.sim.Simulators;
import perpwatch.local.testing.Await;

/**
 * "Connected means subscribed and answering": a venue that refuses the subscription with its real error frame, while
 * its socket keeps answering, gets no heartbeat; the guards then see it as disconnected, not as a calm market.
 */
class SubscriptionRefusalSimulatorTest {
    static final Instrument SOL = Instrument.sol();

    LiquidationsRig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    static void refuse(Simulators sims, String venue, boolean refuse) {
        switch (venue) {
            case "binance" -> sims.binance().refuseSubscriptions(refuse);
            case "okx" -> sims.okx().refuseSubscriptions(refuse);
            case "bybit" -> sims.bybit().refuseSubscriptions(refuse);
            default -> throw new IllegalArgumentException(venue);
        }
    }

    Long heartbeat(String venue) {
        return rig.streams
                .heartbeats(List.of(StreamKeys.liquidationHeartbeat(SOL, venue)))
                .get(0);
    }

    List<Long> heartbeats(List<String> venues) {
        return rig.streams.heartbeats(venues.stream()
                .map(v -> StreamKeys.liquidationHeartbeat(SOL, v))
                .toList());
    }

    /** What /api/health reads: the link's published status. */
    String linkState(String venue) {
        return rig.streams
                .get(StreamKeys.feedLink(SOL, new FeedLink("liquidations", venue)))
                .map(v -> v.substring(0, v.indexOf(' ')))
                .orElse("absent");
    }

    long counter(String name) {
        return rig.worker.counters().getOrDefault(name, 0L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binance", "okx", "bybit"})
    void aRefusingVenueHasNoHeartbeatTheOthersDoAndAnAcceptedResubscriptionBringsItBack(String venue) throws Exception {
        rig = LiquidationsRig.start(sims -> refuse(sims, venue, true));
        List<String> others = StreamKeys.LIQUIDATION_VENUES.stream()
                .filter(v -> !v.equals(venue))
                .toList();

        Await.until(
                venue + " refused on two connections",
                Duration.ofSeconds(30),
                () -> counter(venue + ".subscribe_refused") >= 2,
                () -> rig.worker.counters().toString());
        Await.until(
                "the other venues' heartbeats",
                () -> heartbeats(others).stream().allMatch(Objects::nonNull));
        // Wait for a later beat than the one that set the others' keys: the refusing venue was passed over while
        // its link kept answering (the refusals are its answers; it reconnected and was refused again).
        List<Long> first = heartbeats(others);
        Await.until(
                "a later beat",
                Duration.ofSeconds(30),
                () -> {
                    List<Long> now = heartbeats(others);
                    return now.get(0) != null
                            && now.get(0) > first.get(0)
                            && now.get(1) != null
                            && now.get(1) > first.get(1);
                },
                () -> heartbeats(others).toString());
        assertNull(heartbeat(venue), venue + " refused the subscription: no heartbeat, whatever its socket answers");
        assertNotEquals(SubscriptionState.ACKNOWLEDGED, rig.worker.subscriptionState(venue));
        assertTrue(counter(venue + ".connects") >= 2, "the loop kept reconnecting to resubscribe");
        assertEquals(0, counter(venue + ".venue_errors"), "refusals are counted as refusals, not as venue errors");
        Await.until("the link's status says refused", () -> linkState(venue).equals("refused"));
        assertEquals(
                List.of("subscribed", "subscribed"),
                others.stream().map(this::linkState).toList());

        refuse(rig.sims, venue, false);
        // No drop needed: the refused connection was dropped by the worker and the loop reconnects after backoff.
        Await.until(
                venue + "'s heartbeat after the venue accepted",
                Duration.ofSeconds(30),
                () -> heartbeat(venue) != null,
                () -> rig.worker.counters().toString());
        assertEquals(SubscriptionState.ACKNOWLEDGED, rig.worker.subscriptionState(venue));
        Await.until("the link's status says subscribed", () -> linkState(venue).equals("subscribed"));
    }

    @Test
    void aReconnectIsUnsubscribedUntilTheNewAckSoAHeartbeatLapsesWhenTheNewConnectionIsRefused() throws Exception {
        rig = LiquidationsRig.start(sims -> {});
        Await.until(
                "three heartbeats",
                () -> heartbeats(StreamKeys.LIQUIDATION_VENUES).stream().allMatch(Objects::nonNull));
        long refusals = counter("okx.subscribe_refused");
        rig.sims.okx().refuseSubscriptions(true);
        rig.sims.okx().dropAllConnections();
        Await.until("okx refused after the reconnect", () -> counter("okx.subscribe_refused") > refusals);
        // The key set on the old, acknowledged connection lives one silence budget (3 s here) plus 5 s, then lapses:
        // the new connections answer but are not subscribed.
        Await.until(
                "okx's heartbeat lapses",
                Duration.ofSeconds(30),
                () -> heartbeat("okx") == null,
                () -> rig.worker.counters().toString());
        assertTrue(
                heartbeats(List.of("binance", "bybit")).stream().allMatch(Objects::nonNull),
                "the others stay connected");
    }
}
