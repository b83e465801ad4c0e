package perpwatch.feeds.metrics;

/** Liquidations taken from a venue's feed, and those that could not be converted. */
public enum LiquidationCounter implements CounterKey {
    LIQUIDATIONS,
    NO_CONTRACT_VALUE;
}
