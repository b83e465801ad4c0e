package perpwatch.core.stream;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import perpwatch.core.instrument.Instrument;

/**
 * One WebSocket subscription of a feed task, and how its liveness is published: the task writes
 * {@code feed:<task>:<sym>:<venue>} every few seconds with the link's {@link State} and the time, expiring after one
 * silence budget plus a margin, so an absent key means the task itself is gone.
 *
 * @param task  the feed task ({@code binance-trades}, {@code liquidations}, …)
 * @param venue the venue the link goes to
 */
public record FeedLink(String task, String venue) {
    /** Every WebSocket link of the feed tasks, per instrument. */
    public static final List<FeedLink> ALL = List.of(
            new FeedLink("binance-trades", "binance"),
            new FeedLink("binance-book", "binance"),
            new FeedLink("okx-usdc", "okx"),
            new FeedLink("liquidations", "binance"),
            new FeedLink("liquidations", "okx"),
            new FeedLink("liquidations", "bybit"),
            new FeedLink("velocity-market", "velocity"));

    /** The links a deployment runs for {@code instrument}: those on an exchange it is listed on. */
    public static List<FeedLink> of(Instrument instrument) {
        return ALL.stream().filter(l -> instrument.onExchange(l.venue())).toList();
    }

    /** "Connected" means subscribed and answering; anything else is one of the other two. */
    public enum State {
        /**
         * The venue acknowledged the subscription on the current connection (or its data proved it) and the link
         * answers.
         */
        SUBSCRIBED,
        /** Connecting, waiting for the ack, or silent: nothing proves data would reach us. */
        UNSUBSCRIBED,
        /** The venue refused the subscription (its last answer, since no ack came after it). */
        REFUSED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<State> fromWire(String text) {
            for (State s : values()) {
                if (s.wire().equals(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** What the key holds: {@code <state> <epoch ms>}, e.g. {@code subscribed 1767225600000}. */
    public record Status(State state, long atMs) {
        public String encode() {
            return state.wire() + " " + atMs;
        }

        /** Empty for an unreadable value (a key written by something else): the reader reports it as unknown. */
        public static Optional<Status> decode(String value) {
            if (value == null) {
                return Optional.empty();
            }
            int space = value.indexOf(' ');
            if (space < 0) {
                return Optional.empty();
            }
            try {
                long at = Long.parseLong(value.substring(space + 1));
                return State.fromWire(value.substring(0, space)).map(s -> new Status(s, at));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
