package perpwatch.feeds.velocity;

/**
 * Why a Velocity answer produced no number. Each one is counted and logged by the task and its metric reads null:
 * a rejected answer is never replaced by a guess.
 */
public enum Rejection {
    /** A non-2xx status other than 429 (the DLOB server answers 400/500 with a plain-text body). */
    HTTP_ERROR,
    /** 429: the data API's documented rate limit, or a load balancer's in front of the DLOB. */
    RATE_LIMITED,
    /** The body or frame is not JSON at all (an HTML error page, a proxy's text). */
    NOT_JSON,
    /** JSON, but not the shape the sources show: a field missing or of the wrong type, sources not summing to size. */
    MALFORMED,
    /** The DLOB WebSocket's {@code {"channel":…,"error":…}} frame. */
    VENUE_ERROR,
    /** No counted liquidity on one side or both (the server's cache-miss answer is exactly this). */
    EMPTY_BOOK,
    /** Best counted bid at or above best counted ask; Velocity cranks crossed books, it does not hide them. */
    CROSSED_BOOK,
    /** A book older (by slot) than one already accepted: a failover between the server's Redis sources. */
    SLOT_BACKWARDS,
    /** A counted price or size the book's fixed-point scale cannot hold exactly (it refuses rather than rounds). */
    UNREPRESENTABLE_LEVEL,
    /** A fundingRates answer with no settled record. */
    NO_SETTLED_FUNDING,
    /** The records do not show one whole-hour interval (fewer than two, or gaps that are not whole hours). */
    FUNDING_INTERVAL_UNKNOWN,
    /** The Solana node failed or refused the call, or answered something unreadable. */
    RPC_ERROR,
    /** The program lists no PerpMarket with the instrument's market index. */
    MARKET_NOT_FOUND,
    /** The market names an oracle account the node does not have. */
    ORACLE_MISSING,
    /** The oracle account's bytes are not a price this program reads (size, exponent, kind). */
    ORACLE_UNDECODABLE
}
