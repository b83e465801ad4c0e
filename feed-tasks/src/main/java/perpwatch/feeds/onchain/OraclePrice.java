package perpwatch.feeds.onchain;

/** An oracle price in Drift's PRICE precision (1e6), with when it was published and whether it was read live. */
public record OraclePrice(long price, long publishTime, long slot, Source source) {
    public enum Source {
        /** Decoded from the oracle account itself. */
        ORACLE_ACCOUNT,
        /** The market's cached {@code historicalOracleData.lastOraclePrice}: the oracle account was unreadable. */
        MARKET_CACHE
    }
}
