package perpwatch.feeds.binance.book;

import java.util.List;

/**
 * One {@code depthUpdate} event of {@code <symbol>@depth@100ms}.
 *
 * @param eventTime       {@code E}, when the venue sent it
 * @param transactTime    {@code T}, matching-engine time of the last change it carries
 * @param firstUpdateId   {@code U}
 * @param finalUpdateId   {@code u}
 * @param previousFinalId {@code pu}: the {@code u} of the event before it; the chain that proves nothing was missed
 * @param bids            {@code b}, already in the book's units (see {@link ScaledLevels})
 * @param asks            {@code a}, likewise
 * @param recvTime        when we received the frame (epoch ms)
 */
public record DepthUpdate(
        String symbol,
        long eventTime,
        long transactTime,
        long firstUpdateId,
        long finalUpdateId,
        long previousFinalId,
        ScaledLevels bids,
        ScaledLevels asks,
        long recvTime) {

    /** A diff from decimal levels (tests, generators, replays); converted exactly as the parser would. */
    public DepthUpdate(
            String symbol,
            long eventTime,
            long transactTime,
            long firstUpdateId,
            long finalUpdateId,
            long previousFinalId,
            List<PriceLevel> bids,
            List<PriceLevel> asks,
            long recvTime) {
        this(
                symbol,
                eventTime,
                transactTime,
                firstUpdateId,
                finalUpdateId,
                previousFinalId,
                ScaledLevels.of(bids),
                ScaledLevels.of(asks),
                recvTime);
    }
}
