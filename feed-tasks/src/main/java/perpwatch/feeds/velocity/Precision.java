package perpwatch.feeds.velocity;

/** Velocity's fixed-point scales (velocity-v1 {@code packages/sdk}, the same as Drift's), as decimal places. */
final class Precision {
    /** PRICE_PRECISION 1e6: prices, oracle prices and their confidence, TWAPs. */
    static final int PRICE = 6;
    /** BASE_PRECISION 1e9: sizes. */
    static final int BASE = 9;
    /** FUNDING_RATE_PRECISION 1e9: a funding rate is quote per base unit, at this scale. */
    static final int FUNDING_RATE = 9;

    private Precision() {}
}
