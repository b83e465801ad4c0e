package perpwatch.local.market.synthetic;

import java.util.SplittableRandom;

/**
 * A seeded model of the SOL perp market that every simulated venue reads, so venues agree with each other.
 * Calm stretches alternate with liquidation cascades (fast one-way moves, thin books, falling OI); the USDC/USDT
 * basis wanders and sometimes breaks out past 50 bps; funding drifts and occasionally spikes past 300 % APR.
 * Each of these is what some guard watches, so in a few minutes every guard changes state.
 */
public final class SyntheticMarket {
    private final SplittableRandom random;
    private double mid;
    private double basisBps;
    private double fundingRate = 0.0001;
    private double openInterest = 12_000_000;
    private MarketState.Regime regime = MarketState.Regime.CALM;
    private long regimeEndsAt;
    private long divergenceEndsAt;
    private long now;

    public SyntheticMarket(double startMid, long seed, long startMs) {
        this.random = new SplittableRandom(seed);
        this.mid = startMid;
        this.now = startMs;
        this.regimeEndsAt = startMs + 60_000 + random.nextLong(60_000);
    }

    /** Advances the market by {@code dtMs} and returns the new state. */
    public synchronized MarketState step(long dtMs) {
        now += dtMs;
        double dtSeconds = dtMs / 1000.0;
        if (now >= regimeEndsAt) {
            if (regime == MarketState.Regime.CALM) {
                regime = random.nextBoolean() ? MarketState.Regime.CASCADE_DOWN : MarketState.Regime.CASCADE_UP;
                regimeEndsAt = now + 20_000 + random.nextLong(40_000);
            } else {
                regime = MarketState.Regime.CALM;
                regimeEndsAt = now + 90_000 + random.nextLong(120_000);
            }
        }
        double drift = switch (regime) {
            case CASCADE_DOWN -> -0.0004;
            case CASCADE_UP -> 0.0004;
            default -> 0;
        };
        double vol = regime == MarketState.Regime.CALM ? 0.0003 : 0.0012;
        mid *= Math.exp(drift * dtSeconds + vol * Math.sqrt(dtSeconds) * gaussian());

        if (now >= divergenceEndsAt && random.nextDouble() < dtSeconds / 240) {
            divergenceEndsAt = now + 30_000 + random.nextLong(30_000);
        }
        double basisTarget = now < divergenceEndsAt ? 80 : 3;
        basisBps += (basisTarget - basisBps) * Math.min(1, 0.2 * dtSeconds) + gaussian() * 0.5 * Math.sqrt(dtSeconds);

        double fundingTarget = regime == MarketState.Regime.CASCADE_UP
                ? 0.004
                : regime == MarketState.Regime.CASCADE_DOWN ? -0.001 : 0.0001;
        fundingRate += (fundingTarget - fundingRate) * Math.min(1, 0.05 * dtSeconds);

        double oiDrift = regime == MarketState.Regime.CALM ? 0.00002 : -0.0002;
        openInterest *= Math.exp(oiDrift * dtSeconds + 0.0001 * Math.sqrt(dtSeconds) * gaussian());
        return state();
    }

    public synchronized MarketState state() {
        return new MarketState(now, mid, basisBps, fundingRate, openInterest, regime);
    }

    /** Random draws for the venue layer, from the same seed so a run can be repeated. */
    public synchronized double uniform() {
        return random.nextDouble();
    }

    public synchronized double gaussian() {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
