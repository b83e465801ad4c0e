package perpwatch.feeds.velocity;

/** One frame of {@code wss://dlob.velocity.exchange/ws}, as velocity-v1's {@code wsConnectionManager.ts} sends them. */
public sealed interface DlobFrame {
    /** {@code {"channel":"heartbeat"}}, every 5 s per connection: the link answers. */
    record Heartbeat() implements DlobFrame {}

    /** {@code {"message":"Subscribe received for channel: …"}}: the server took the subscription. */
    record SubscribeAck(String message) implements DlobFrame {}

    /** {@code {"channel":…,"error":…}} or {@code {"error":…}}: the subscription was refused. */
    record VenueError(String channel, String error) implements DlobFrame {}

    /** A book push: {@code {"channel":"orderbook_perp_0_grouped_1","data":"<L2 document>"}}. */
    record Orderbook(String channel, DlobBook book) implements DlobFrame {}

    /** Any other channel's push (trades, priority fees): not ours, skipped. */
    record Other(String channel) implements DlobFrame {}
}
