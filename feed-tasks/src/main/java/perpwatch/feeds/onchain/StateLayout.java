package perpwatch.feeds.onchain;

/** Where the program-wide {@code State} account keeps its exchange-status bit flags. */
public record StateLayout(int size, int exchangeStatus) {}
