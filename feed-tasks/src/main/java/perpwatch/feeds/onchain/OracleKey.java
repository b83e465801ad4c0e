package perpwatch.feeds.onchain;

/**
 * One oracle price as a market reads it: the account and how to read it. Two markets may share an account with
 * different sources (a 1M-scaled perp and its spot market read the same Lazer feed 10⁶ apart), so a price is keyed
 * by both, never by the account alone.
 */
public record OracleKey(String account, int source) {}
