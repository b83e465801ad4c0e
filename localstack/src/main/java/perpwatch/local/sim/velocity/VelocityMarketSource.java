package perpwatch.local.sim.velocity;

import java.util.Objects;
import java.util.function.Supplier;
import perpwatch.local.market.synthetic.MarketState;
import perpwatch.local.market.synthetic.SyntheticMarket;

/**
 * The market the Velocity simulators read. They start with the other simulators, before the local cloud builds the
 * synthetic market that drives every venue; {@link #follow} then points them at it, so Velocity's book sits on the
 * same mid as Binance's and the basis means something. Until then a still market of its own stands in.
 */
public final class VelocityMarketSource implements Supplier<MarketState> {
    private volatile Supplier<MarketState> market;

    public VelocityMarketSource(long startMs) {
        this.market = new SyntheticMarket(150.0, 0, startMs)::state;
    }

    /** Reads {@code market} from now on. */
    public void follow(Supplier<MarketState> market) {
        this.market = Objects.requireNonNull(market, "market");
    }

    @Override
    public MarketState get() {
        return market.get();
    }
}
