package perpwatch.local.sim.solana;

import java.util.List;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.PerpMarketAccount;
import perpwatch.feeds.onchain.SpotMarketAccount;

/**
 * One on-chain program as the Solana RPC simulator serves it: its accounts, generated from their index on demand (a
 * 200,000-user population costs no memory until served), each encoded in that program's own layout.
 */
public interface SimulatedProgram {
    String programId();

    /** {@code velocity} or {@code drift-v2}: the profile that reads this program. */
    String profile();

    int users();

    String userPubkey(int i);

    /** User {@code i}, the same on every call. */
    DriftUser user(int i);

    /** The size of user {@code i}'s account, without generating it. */
    int userSize(int i);

    /** User {@code i}'s account bytes, in the layout size this program gives that account. */
    byte[] userAccount(int i);

    List<PerpMarketAccount> perpMarkets();

    List<SpotMarketAccount> spotMarkets();

    byte[] perpMarketAccount(PerpMarketAccount market);

    byte[] spotMarketAccount(SpotMarketAccount market);

    String statePubkey();

    /** The State account: its exchange status says whether the program is paused. */
    byte[] stateAccount();

    /** An oracle account's bytes as of the node's {@code currentSlot}, or null when no such account exists. */
    byte[] oracleAccount(String pubkey, long currentSlot);

    long solPrice();
}
