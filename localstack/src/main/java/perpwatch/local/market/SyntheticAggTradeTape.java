package perpwatch.local.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import perpwatch.local.sim.binance.BinanceWire;

/**
 * A generated market: a random-walk price with volatility bursts, Poisson-ish arrivals (about 20 trades a second,
 * more in bursts), log-normal sizes and a slowly drifting buy/sell imbalance, so CVD trends and reverses. Prices
 * keep the venue's tick (0.01) and sizes its lot (0.01 SOL). Seeded, so a run can be repeated.
 */
public final class SyntheticAggTradeTape implements Tape {
    private static final BigDecimal TICK = new BigDecimal("0.01");

    private final String symbol;
    private final String stream;
    private final SplittableRandom random;
    private double price;
    private double buyBias = 0.5;
    private double burst = 1;
    private long clock;
    private long aggId = 3_000_000_000L;
    private long tradeId = 9_000_000_000L;

    public SyntheticAggTradeTape(String symbol, double startPrice, long seed, long startMs) {
        this.symbol = symbol;
        this.stream = BinanceWire.streamName(symbol);
        this.random = new SplittableRandom(seed);
        this.price = startPrice;
        this.clock = startMs;
    }

    @Override
    public TapeFrame next() {
        if (random.nextDouble() < 0.001) {
            burst = 3 + random.nextDouble() * 5;
        }
        burst = Math.max(1, burst * 0.995);
        clock += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * 50 / burst));
        buyBias = Math.min(0.8, Math.max(0.2, buyBias + (random.nextDouble() - 0.5) * 0.01));
        boolean takerBuys = random.nextDouble() < buyBias;
        price *= Math.exp((takerBuys ? 1 : -1) * Math.abs(gaussian()) * 0.00005 * burst);
        BigDecimal px =
                BigDecimal.valueOf(price).divide(TICK, 0, RoundingMode.HALF_UP).multiply(TICK);
        double size = Math.exp(gaussian() * 1.2) * burst;
        BigDecimal qty = BigDecimal.valueOf(Math.max(0.01, size)).setScale(2, RoundingMode.HALF_UP);
        long fills = 1 + random.nextInt(4);
        long first = tradeId + 1;
        tradeId += fills;
        String payload = BinanceWire.aggTrade(
                symbol, ++aggId, px, qty, first, tradeId, clock, clock + 1 + random.nextInt(5), !takerBuys);
        return new TapeFrame(stream, clock, payload);
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
