package perpwatch.feeds.subscription;

import java.util.List;

/** A feed task that holds WebSocket subscriptions; {@link FeedLinkReporter} publishes their status. */
public interface SubscribedLinks {
    List<WatchedLink> links();
}
