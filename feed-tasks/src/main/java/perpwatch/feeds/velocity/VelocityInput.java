package perpwatch.feeds.velocity;

/** The inputs of the velocity-market task, each counting its rejections apart so health says which one is failing. */
public enum VelocityInput {
    DLOB_HTTP,
    DLOB_WS,
    FUNDING,
    /** The perp market's PythLazerOracle account and the node's slot, over Solana JSON-RPC. */
    ORACLE
}
