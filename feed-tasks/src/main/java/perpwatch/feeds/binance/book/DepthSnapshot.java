package perpwatch.feeds.binance.book;

import java.util.List;

/** The body of {@code GET /fapi/v1/depth}: the book as of update id {@code lastUpdateId}, best levels first. */
public record DepthSnapshot(
        long lastUpdateId, long eventTime, long transactTime, List<PriceLevel> bids, List<PriceLevel> asks) {}
