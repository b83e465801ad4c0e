package perpwatch.feeds.solana;

/**
 * How a getProgramAccounts call went: the slot the node answered at, accounts delivered, accounts whose data could
 * not be decoded (counted and skipped, never guessed), the encoding used, and attempts it took.
 */
public record ProgramAccountsScan(long slot, long accounts, long undecodable, String encoding, int attempts) {}
