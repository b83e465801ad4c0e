package perpwatch.feeds.subscription;

import java.util.OptionalLong;
import java.util.function.Supplier;
import perpwatch.core.stream.FeedLink;

/**
 * One feed link as the status reporter sees it: which link, its subscription, and when its socket last heard anything.
 */
public record WatchedLink(FeedLink link, SubscriptionTracker subscription, Supplier<OptionalLong> lastHeardAt) {}
