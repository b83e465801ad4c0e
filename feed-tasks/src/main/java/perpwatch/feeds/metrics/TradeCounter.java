package perpwatch.feeds.metrics;

/** Trades, the bars and prices built from them (binance-trades, okx-usdc). */
public enum TradeCounter implements CounterKey {
    TRADES,
    GAPS,
    MISSING_IDS,
    MISSING_GIVEN_UP,
    LATE_TRADES,
    TOO_OLD_TRADES,
    BARS,
    REVISIONS,
    INCOMPLETE_BARS,
    PRICES,
    PUBLISHED,
    RESTORE_MALFORMED,
    RESTORE_WAITS;
}
