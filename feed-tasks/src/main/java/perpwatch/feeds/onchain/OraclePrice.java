package perpwatch.feeds.onchain;

/**
 * An oracle price in Drift's PRICE precision (1e6), with its confidence interval in the same precision, when it was
 * published and whether it was read live.
 *
 * @param confidence the account's confidence interval, scaled as the price; 0 where the source carries none (the quote
 *                   asset, the market's cached price)
 */
public record OraclePrice(long price, long confidence, long publishTime, long slot, Source source) {
    public enum Source {
        /** Decoded from the oracle account itself. */
        ORACLE_ACCOUNT,
        /** The market's cached {@code historicalOracleData.lastOraclePrice}: the oracle account was unreadable. */
        MARKET_CACHE
    }

    /** A price with no confidence interval read (the quote asset, the market cache, test vectors). */
    public OraclePrice(long price, long publishTime, long slot, Source source) {
        this(price, 0, publishTime, slot, source);
    }
}
