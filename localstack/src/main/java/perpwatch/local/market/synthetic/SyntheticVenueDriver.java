package perpwatch.local.market.synthetic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Listing;
import perpwatch.core.instrument.Venue;
import perpwatch.local.sim.binance.BinanceFuturesSimulator;
import perpwatch.local.sim.binance.BinanceWire;
import perpwatch.local.sim.bybit.BybitSimulator;
import perpwatch.local.sim.bybit.BybitWire;
import perpwatch.local.sim.okx.OkxSimulator;
import perpwatch.local.sim.okx.OkxWire;

/**
 * Plays one {@link SyntheticMarket} into the venue simulators the instrument is listed on, in real time: Binance
 * trades, diff-depth book and snapshot, forceOrder liquidations; OKX USDT and USDC swap trades (the USDC one carries
 * the basis) and liquidation-orders; Bybit allLiquidation and the REST answers for OI, tickers and instruments.
 * Liquidations come in cascades, on whichever listed venue, with the side that cascade liquidates. Several drivers
 * (one per instrument) share the simulators: each registers its own symbols and leaves the others' alone.
 */
public final class SyntheticVenueDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticVenueDriver.class);
    private static final long TICK_MS = 50;

    private final SyntheticMarket market;
    private final SyntheticBook book;
    private final Instrument instrument;
    /** The instrument's symbol on each venue, null where it is not listed: nothing is sent there. */
    private final String binanceSymbol;

    private final String okxUsdt;
    private final String okxUsdc;
    private final String bybitSymbol;
    /** Where liquidations may happen: 0 Binance, 1 OKX, 2 Bybit, those the instrument is listed on. */
    private final List<Integer> liquidationVenues = new ArrayList<>();

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
    private volatile int loadPerSecond;
    private double loadOwed;
    private long loadSeq;
    private final SentCounts sent = new SentCounts();
    private final List<BybitWire.SettledPrint> settledPrints = new ArrayList<>();
    private long lastSettlement;

    public SyntheticVenueDriver(
            Instrument instrument,
            SyntheticMarket market,
            BinanceFuturesSimulator binance,
            OkxSimulator okx,
            BybitSimulator bybit) {
        this.instrument = instrument;
        this.market = market;
        this.binanceSymbol = symbolOn(instrument, Venue.BINANCE);
        this.okxUsdt = symbolOn(instrument, Venue.OKX_USDT);
        this.okxUsdc = symbolOn(instrument, Venue.OKX_USDC);
        this.bybitSymbol = symbolOn(instrument, Venue.BYBIT);
        this.book = new SyntheticBook(binanceSymbol == null ? instrument.canonical() + "USDT" : binanceSymbol);
        this.binance = binance;
        this.okx = okx;
        this.bybit = bybit;
        if (binanceSymbol != null) {
            liquidationVenues.add(0);
            binance.depthSnapshot(binanceSymbol, () -> book.snapshot(1000, System.currentTimeMillis()));
        }
        if (okxUsdt != null || okxUsdc != null) {
            liquidationVenues.add(1);
        }
        // OKX publishes contract sizes per instrument; these rows are what the simulated venue says: the configured
        // contract value, or 1 base unit per contract.
        for (Venue venue : List.of(Venue.OKX_USDT, Venue.OKX_USDC)) {
            instrument
                    .listing(venue)
                    .ifPresent(l -> okx.instrument(json(OkxWire.linearSwap(
                            l.symbol(),
                            l.contractValueIfConfigured()
                                    .map(BigDecimal::toPlainString)
                                    .orElse("1"),
                            l.quote()))));
        }
        if (bybitSymbol != null) {
            liquidationVenues.add(2);
            serveBybit(bybitSymbol);
        }
        this.thread = new Thread(this::run, "synthetic-market-" + instrument.canonical());
        this.thread.setDaemon(true);
    }

    private static String symbolOn(Instrument instrument, Venue venue) {
        return instrument.listing(venue).map(Listing::symbol).orElse(null);
    }

    /** Bybit's REST answers for this instrument's symbol, from this driver's market. */
    private void serveBybit(String symbol) {
        bybit.addSymbol(symbol);
        bybit.result(BybitSimulator.OPEN_INTEREST, symbol, q -> {
            MarketState s = market.state();
            return BybitWire.openInterestResult(symbol, decimal(s.openInterest(), 3), s.ts() / 300_000 * 300_000);
        });
        bybit.result(BybitSimulator.TICKERS, symbol, q -> {
            MarketState s = market.state();
            long nextFunding = (s.ts() / 28_800_000 + 1) * 28_800_000;
            return BybitWire.tickersResult(
                    symbol,
                    decimal(s.mid(), 2),
                    decimal(s.fundingRate(), 8),
                    nextFunding,
                    decimal(s.openInterest(), 3));
        });
        bybit.result(BybitSimulator.INSTRUMENTS_INFO, symbol, q -> BybitWire.instrumentsInfoResult(symbol, 480));
        // Settled prints: the market's rate at each 8-hour settlement it lived through (none from before it started).
        bybit.result(BybitSimulator.FUNDING_HISTORY, symbol, q -> {
            MarketState s = market.state();
            long settlement = s.ts() / 28_800_000 * 28_800_000;
            synchronized (settledPrints) {
                if (lastSettlement != 0 && settlement > lastSettlement) {
                    settledPrints.add(0, new BybitWire.SettledPrint(decimal(s.fundingRate(), 8), settlement));
                }
                lastSettlement = settlement;
                int limit = Integer.parseInt(q.getOrDefault("limit", "200"));
                return BybitWire.fundingHistoryResult(
                        symbol, List.copyOf(settledPrints), Math.max(1, Math.min(200, limit)));
            }
        });
    }

    public SyntheticVenueDriver start() {
        thread.start();
        return this;
    }

    private void run() {
        MarketState.Regime lastRegime = null;
        while (running) {
            long started = System.currentTimeMillis();
            MarketState state = market.state();
            try {
                // By the wall time since the last step, not a fixed tick: on a busy machine a loop slower than
                // TICK_MS would let the market's clock fall behind, and venues stamped with it (Velocity's DLOB)
                // would read as stale while the others, stamped with the wall clock, did not.
                state = market.step(Math.max(1, started - state.ts()));
                if (state.regime() != lastRegime) {
                    LOG.info(
                            "synthetic market: {} at {} (basis {} bps)",
                            state.regime(),
                            decimal(state.mid(), 2),
                            decimal(state.basisBps(), 1));
                    lastRegime = state.regime();
                }
                tick(state, started);
            } catch (RuntimeException e) {
                LOG.warn("synthetic market tick failed: {}", e.toString());
            }
            try {
                // Also after a failed tick: the loop keeps its pace instead of spinning.
                loadUntil(state, started + TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Adds mixed venue traffic on top of the market's own flow, spread evenly over time (0 turns it off): half
     * Binance aggTrades, a fifth depth diffs, a fifth OKX trades (USDT and USDC swaps), a tenth liquidations on
     * the three venues in turn. Real Binance sends at most one liquidation a second per symbol; a load run does not
     * hold to that, to load the path.
     */
    public void load(int messagesPerSecond) {
        if (messagesPerSecond < 0) {
            throw new IllegalArgumentException("messages per second must be >= 0");
        }
        loadPerSecond = messagesPerSecond;
    }

    /** Tells {@code listener} of every Binance depth diff this driver sends, with the top of book after it. */
    public void onBookDiff(SyntheticBook.DiffListener listener) {
        book.onDiff(listener);
    }

    /** What this driver has sent, for checks that nothing was lost on the way to Redis. */
    public SentCounts sent() {
        return sent;
    }

    private void loadUntil(MarketState state, long until) throws InterruptedException {
        long last = System.currentTimeMillis();
        while (running) {
            long now = System.currentTimeMillis();
            int rate = loadPerSecond;
            loadOwed = rate == 0 ? 0 : loadOwed + rate * (now - last) / 1000.0;
            last = now;
            for (; loadOwed >= 1; loadOwed--) {
                try {
                    loadMessage(state);
                } catch (RuntimeException e) {
                    LOG.warn("synthetic load message failed: {}", e.toString());
                }
            }
            if (now >= until) {
                return;
            }
            Thread.sleep(rate == 0 ? until - now : Math.min(2, until - now));
        }
    }

    private void loadMessage(MarketState state) {
        long now = System.currentTimeMillis();
        sent.loadMessage();
        int kind = (int) (loadSeq++ % 20);
        if (kind < 10 && binanceSymbol != null) {
            boolean takerSells = (kind & 1) == 0;
            binanceTrade(
                    decimal(state.mid() * (1 + (takerSells ? -1 : 1) * 0.00005), 2),
                    decimal(0.01 + market.uniform() * 5, 2),
                    takerSells,
                    now);
        } else if (kind < 14 && binanceSymbol != null) {
            String diff = book.nudge(market, now);
            if (diff != null) {
                binance.publish(BinanceWire.depthStreamName(binanceSymbol), diff);
            }
        } else if (kind < 16 && okxUsdt != null) {
            okxTrade(okxUsdt, state.mid(), now);
        } else if (kind < 18 && okxUsdc != null) {
            okxTrade(okxUsdc, state.mid() * (1 + state.basisBps() / 10_000), now);
        } else if (kind >= 18 && !liquidationVenues.isEmpty()) {
            // A size no other liquidation has: venues' duplicate filters must not mistake one for a replay.
            BigDecimal size = BigDecimal.valueOf(1_000 + loadSeq, 1);
            boolean longs = kind == 18;
            BigDecimal price = decimal(state.mid() * (longs ? 0.999 : 1.001), 2);
            liquidationOn(
                    liquidationVenues.get((int) (loadSeq / 20 % liquidationVenues.size())), longs, size, price, now);
        }
    }

    private void binanceTrade(BigDecimal price, BigDecimal qty, boolean takerSells, long now) {
        long first = tradeId + 1;
        tradeId += 1 + (long) (market.uniform() * 3);
        binance.publish(
                BinanceWire.streamName(binanceSymbol),
                BinanceWire.aggTrade(binanceSymbol, ++aggId, price, qty, first, tradeId, now, now + 1, takerSells));
        sent.trade(now);
    }

    private void tick(MarketState state, long now) {
        ticks++;
        int trades = binanceSymbol == null ? 0 : poisson(state.cascading() ? 3 : 1);
        for (int i = 0; i < trades; i++) {
            boolean takerSells = market.uniform()
                    < (state.regime() == MarketState.Regime.CASCADE_DOWN
                            ? 0.75
                            : state.regime() == MarketState.Regime.CASCADE_UP ? 0.25 : 0.5);
            BigDecimal price = decimal(state.mid() * (1 + (takerSells ? -1 : 1) * 0.00005), 2);
            BigDecimal qty = decimal(Math.max(0.01, Math.exp(market.gaussian()) * (state.cascading() ? 20 : 5)), 2);
            binanceTrade(price, qty, takerSells, now);
        }
        if (ticks % 2 == 0 && binanceSymbol != null) {
            String diff = book.update(state, market, now);
            if (diff != null) {
                binance.publish(BinanceWire.depthStreamName(binanceSymbol), diff);
            }
        }
        // The draws happen whatever is listed, so one seed gives one market path on any set of venues.
        if (market.uniform() < 0.4 && okxUsdt != null) {
            okxTrade(okxUsdt, state.mid(), now);
        }
        if (market.uniform() < 0.4 && okxUsdc != null) {
            okxTrade(okxUsdc, state.mid() * (1 + state.basisBps() / 10_000), now);
        }
        if (state.cascading() && market.uniform() < 0.12) {
            liquidation(state, now);
        }
    }

    private void okxTrade(String instId, double price, long now) {
        String side = market.uniform() < 0.5 ? "buy" : "sell";
        BigDecimal contracts = decimal(Math.max(0.01, Math.exp(market.gaussian()) * 3), 2);
        okx.publishTrades(
                instId, "[" + OkxWire.tradeRow(instId, ++okxTradeId, decimal(price, 2), contracts, side, now) + "]");
    }

    private void liquidation(MarketState state, long now) {
        boolean longsLiquidated = state.regime() == MarketState.Regime.CASCADE_DOWN;
        BigDecimal size = decimal(Math.exp(market.gaussian()) * 40, 1).max(new BigDecimal("0.1"));
        BigDecimal price = decimal(state.mid() * (longsLiquidated ? 0.999 : 1.001), 2);
        double draw = market.uniform();
        if (liquidationVenues.isEmpty()) {
            return;
        }
        int venue =
                liquidationVenues.get(Math.min(liquidationVenues.size() - 1, (int) (draw * liquidationVenues.size())));
        if (venue == 0) {
            // Binance pushes at most the latest liquidation per symbol each second.
            if (now - lastBinanceLiquidation >= 1_000) {
                lastBinanceLiquidation = now;
                liquidationOn(0, longsLiquidated, size, price, now);
            }
        } else {
            liquidationOn(venue, longsLiquidated, size, price, now);
        }
    }

    /** One liquidation on Binance (0), OKX (1) or Bybit (2), event time {@code now}. */
    private void liquidationOn(int venue, boolean longsLiquidated, BigDecimal size, BigDecimal price, long now) {
        if (venue == 0) {
            binance.publish(
                    BinanceWire.FORCE_ORDER_ALL,
                    BinanceWire.forceOrder(
                            binanceSymbol, longsLiquidated ? "SELL" : "BUY", size, price, price, now, now + 3));
        } else if (venue == 1) {
            String instId = okxUsdc == null || (okxUsdt != null && market.uniform() < 0.7) ? okxUsdt : okxUsdc;
            okx.publishLiquidations(
                    "SWAP",
                    "[" + OkxWire.liquidationRow(instId, longsLiquidated ? "sell" : "buy", size, price, now) + "]");
        } else {
            bybit.publish(
                    BybitWire.liquidationTopic(bybitSymbol),
                    BybitWire.allLiquidation(bybitSymbol, longsLiquidated ? "Buy" : "Sell", size, price, now, now + 1));
        }
        sent.liquidation(now);
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

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
