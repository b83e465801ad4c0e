package perpwatch.local.market.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.local.sim.binance.BinanceFuturesSimulator;
import perpwatch.local.sim.binance.BinanceWire;
import perpwatch.local.sim.bybit.BybitSimulator;
import perpwatch.local.sim.bybit.BybitWire;
import perpwatch.local.sim.okx.OkxSimulator;
import perpwatch.local.sim.okx.OkxWire;

/**
 * Plays one {@link SyntheticMarket} into all three venue simulators in real time: Binance trades, diff-depth book
 * and snapshot, forceOrder liquidations; OKX USDT and USDC swap trades (the USDC one carries the basis) and
 * liquidation-orders; Bybit allLiquidation and the REST answers for OI, tickers and instruments. Liquidations come in
 * cascades, on whichever venue, with the side that cascade liquidates.
 */
public final class SyntheticVenueDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticVenueDriver.class);
    private static final long TICK_MS = 50;

    private final SyntheticMarket market;
    private final SyntheticBook book;
    private final Instrument instrument;
    private final BinanceFuturesSimulator binance;
    private final OkxSimulator okx;
    private final BybitSimulator bybit;
    private final Thread thread;
    private volatile boolean running = true;
    private long aggId = 4_000_000_000L;
    private long tradeId = 8_000_000_000L;
    private long okxTradeId = 700_000_000L;
    private long lastBinanceLiquidation;
    private long ticks;

    public SyntheticVenueDriver(Instrument instrument, SyntheticMarket market, BinanceFuturesSimulator binance,
                                OkxSimulator okx, BybitSimulator bybit) {
        this.instrument = instrument;
        this.market = market;
        this.book = new SyntheticBook(instrument.binance());
        this.binance = binance;
        this.okx = okx;
        this.bybit = bybit;
        // OKX publishes contract sizes per instrument; these rows are what the simulated venue says (1 SOL per contract).
        okx.instrument(json(OkxWire.linearSwap(instrument.okxUsdt(), "1", "USDT")));
        okx.instrument(json(OkxWire.linearSwap(instrument.okxUsdc(), "1", "USDC")));
        binance.depthSnapshots(symbol -> symbol.equals(instrument.binance()) ? book.snapshot(1000, System.currentTimeMillis()) : null);
        bybit.symbols(java.util.Set.of(instrument.bybit()));
        bybit.result(BybitSimulator.OPEN_INTEREST, q -> {
            MarketState s = market.state();
            return BybitWire.openInterestResult(instrument.bybit(), decimal(s.openInterest(), 3), s.ts() / 300_000 * 300_000);
        });
        bybit.result(BybitSimulator.TICKERS, q -> {
            MarketState s = market.state();
            long nextFunding = (s.ts() / 28_800_000 + 1) * 28_800_000;
            return BybitWire.tickersResult(instrument.bybit(), decimal(s.mid(), 2), decimal(s.fundingRate(), 8), nextFunding, decimal(s.openInterest(), 3));
        });
        bybit.result(BybitSimulator.INSTRUMENTS_INFO, q -> BybitWire.instrumentsInfoResult(instrument.bybit(), 480));
        this.thread = new Thread(this::run, "synthetic-market-" + instrument.canonical());
        this.thread.setDaemon(true);
    }

    public SyntheticVenueDriver start() {
        thread.start();
        return this;
    }

    private void run() {
        MarketState.Regime lastRegime = null;
        while (running) {
            long started = System.currentTimeMillis();
            try {
                MarketState state = market.step(TICK_MS);
                if (state.regime() != lastRegime) {
                    LOG.info("synthetic market: {} at {} (basis {} bps)", state.regime(), decimal(state.mid(), 2), decimal(state.basisBps(), 1));
                    lastRegime = state.regime();
                }
                tick(state, started);
            } catch (RuntimeException e) {
                LOG.warn("synthetic market tick failed: {}", e.toString());
            }
            long sleep = TICK_MS - (System.currentTimeMillis() - started);
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void tick(MarketState state, long now) {
        ticks++;
        int trades = poisson(state.cascading() ? 3 : 1);
        for (int i = 0; i < trades; i++) {
            boolean takerSells = market.uniform() < (state.regime() == MarketState.Regime.CASCADE_DOWN ? 0.75
                    : state.regime() == MarketState.Regime.CASCADE_UP ? 0.25 : 0.5);
            BigDecimal price = decimal(state.mid() * (1 + (takerSells ? -1 : 1) * 0.00005), 2);
            BigDecimal qty = decimal(Math.max(0.01, Math.exp(market.gaussian()) * (state.cascading() ? 20 : 5)), 2);
            long first = tradeId + 1;
            tradeId += 1 + (long) (market.uniform() * 3);
            binance.publish(BinanceWire.streamName(instrument.binance()),
                    BinanceWire.aggTrade(instrument.binance(), ++aggId, price, qty, first, tradeId, now, now + 1, takerSells));
        }
        if (ticks % 2 == 0) {
            String diff = book.update(state, market, now);
            if (diff != null) {
                binance.publish(BinanceWire.depthStreamName(instrument.binance()), diff);
            }
        }
        if (market.uniform() < 0.4) {
            okxTrade(instrument.okxUsdt(), state.mid(), now);
        }
        if (market.uniform() < 0.4) {
            okxTrade(instrument.okxUsdc(), state.mid() * (1 + state.basisBps() / 10_000), now);
        }
        if (state.cascading() && market.uniform() < 0.12) {
            liquidation(state, now);
        }
    }

    private void okxTrade(String instId, double price, long now) {
        String side = market.uniform() < 0.5 ? "buy" : "sell";
        BigDecimal contracts = decimal(Math.max(0.01, Math.exp(market.gaussian()) * 3), 2);
        okx.publishTrades(instId, "[" + OkxWire.tradeRow(instId, ++okxTradeId, decimal(price, 2), contracts, side, now) + "]");
    }

    private void liquidation(MarketState state, long now) {
        boolean longsLiquidated = state.regime() == MarketState.Regime.CASCADE_DOWN;
        BigDecimal size = decimal(Math.exp(market.gaussian()) * 40, 1).max(new BigDecimal("0.1"));
        BigDecimal price = decimal(state.mid() * (longsLiquidated ? 0.999 : 1.001), 2);
        double venue = market.uniform();
        if (venue < 0.34) {
            // Binance pushes at most the latest liquidation per symbol each second.
            if (now - lastBinanceLiquidation >= 1_000) {
                lastBinanceLiquidation = now;
                binance.publish(BinanceWire.FORCE_ORDER_ALL, BinanceWire.forceOrder(instrument.binance(), longsLiquidated ? "SELL" : "BUY",
                        size, price, price, now, now + 3));
            }
        } else if (venue < 0.67) {
            String instId = market.uniform() < 0.7 ? instrument.okxUsdt() : instrument.okxUsdc();
            okx.publishLiquidations("SWAP", "[" + OkxWire.liquidationRow(instId, longsLiquidated ? "sell" : "buy", size, price, now) + "]");
        } else {
            bybit.publish(BybitWire.liquidationTopic(instrument.bybit()),
                    BybitWire.allLiquidation(instrument.bybit(), longsLiquidated ? "Buy" : "Sell", size, price, now - 200, now));
        }
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double p = market.uniform();
        int n = 0;
        while (p > limit) {
            p *= market.uniform();
            n++;
        }
        return n;
    }

    private static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(String text) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
