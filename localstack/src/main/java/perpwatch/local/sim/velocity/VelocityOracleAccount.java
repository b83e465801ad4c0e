package perpwatch.local.sim.velocity;

import java.util.function.Supplier;
import perpwatch.feeds.onchain.VelocityAccountEncoder;
import perpwatch.local.market.synthetic.MarketState;

/**
 * SOL-PERP's PythLazerOracle account as the Solana node serves it: the venue model's oracle (price, confidence and
 * posted slot, all frozen while the oracle is stalled) in Velocity's account layout. The DLOB's {@code oracleData}
 * reads the same model, so a client that compares the two sees one oracle.
 */
public final class VelocityOracleAccount {
    /** Lazer's SOL feed exponent: the model's 1e6 prices become 1e8 raw units. */
    static final int EXPONENT = -8;

    private static final long RAW_PER_PRICE_UNIT = 100;

    private final Supplier<MarketState> market;
    private final VelocityVenueModel model;

    public VelocityOracleAccount(Supplier<MarketState> market, VelocityVenueModel model) {
        this.market = market;
        this.model = model;
    }

    /**
     * The account's bytes when the node posts oracles up to {@code postedUpTo}: the model's posted slot, or
     * {@code postedUpTo} when the node holds oracles further back ({@code delayOracles}).
     */
    public byte[] bytes(long postedUpTo) {
        VelocityWire.Oracle oracle = model.oracle(market.get());
        long posted = Math.min(oracle.slot(), postedUpTo);
        long publishTimeSeconds = model.millisAt(posted) / 1000;
        return VelocityAccountEncoder.pythLazer(
                oracle.price() * RAW_PER_PRICE_UNIT,
                EXPONENT,
                publishTimeSeconds,
                posted,
                oracle.confidence() * RAW_PER_PRICE_UNIT);
    }
}
