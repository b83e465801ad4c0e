package perpwatch.feeds.onchain;

/** The program's own {@code PythLazerOracle} account (its copy of a Pyth Lazer price). */
public record PythLazerOracleLayout(int size, int price, int publishTime, int postedSlot, int exponent, int conf) {}
