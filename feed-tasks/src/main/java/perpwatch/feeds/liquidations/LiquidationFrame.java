package perpwatch.feeds.liquidations;

import java.util.List;
import perpwatch.core.model.Liquidation;
import perpwatch.feeds.subscription.Refusal;

/**
 * What one frame of a venue's liquidation feed said: data, or something about the subscription, or neither. Each
 * venue's source knows its own wire format; the worker only acts on these four answers.
 */
public sealed interface LiquidationFrame {
    /**
     * A push on the subscribed channel, with the instrument's liquidations in it (often none: other symbols). A push
     * proves the subscription, so the first one counts as the ack.
     */
    record Push(List<Liquidation> liquidations) implements LiquidationFrame {
        public Push {
            liquidations = List.copyOf(liquidations);
        }
    }

    /** The venue acknowledged our subscription. */
    record Subscribed() implements LiquidationFrame {}

    /** The venue answered our subscription with an error: nothing will flow on this connection. */
    record Refused(Refusal refusal) implements LiquidationFrame {}

    /** Keepalive replies, unrelated errors and notices: they say nothing about the subscription. */
    record Control() implements LiquidationFrame {}
}
