package perpwatch.feeds.velocity;

import perpwatch.feeds.metrics.CounterKey;

/**
 * The counter of one input's rejections of one kind, e.g. {@code dlob_ws_slot_backwards}: typed from two enums, so a
 * counter name cannot be misspelt.
 */
public record RejectedInput(VelocityInput input, Rejection reason) implements CounterKey {
    @Override
    public String name() {
        return input.name() + "_" + reason.name();
    }
}
