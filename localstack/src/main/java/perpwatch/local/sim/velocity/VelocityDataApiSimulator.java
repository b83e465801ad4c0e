package perpwatch.local.sim.velocity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.local.market.synthetic.MarketState;
import perpwatch.local.sim.SimRestServer;

/**
 * Velocity's data API on 127.0.0.1: {@code GET /fundingRates?marketName=SOL-PERP} answers
 * {@code {"fundingRates":[…]}}, oldest first, one record per hourly settlement. Each settlement lands a couple of
 * seconds after the hour (a keeper cranks it) and charges the synthetic market's rate for one hour (its rate is per
 * 8 h) in Velocity's units: quote per base at 1e9 over the oracle TWAP at 1e6. So that the interval can be read from
 * the very first answer, the simulator starts with {@code seededHours} settlements at the starting rate: a made-up
 * history, said here so nobody reads it as market data. Settlements are kept for 30 days, as the API serves.
 */
public final class VelocityDataApiSimulator implements AutoCloseable {
    public static final String FUNDING_RATES = "/fundingRates";
    private static final Logger LOG = LoggerFactory.getLogger(VelocityDataApiSimulator.class);
    private static final long HOUR_MS = 3_600_000;
    private static final long CRANK_LAG_S = 2;
    private static final int KEPT = 30 * 24;

    private final SimRestServer rest;
    private final Supplier<MarketState> market;
    private final VelocityVenueModel model;
    private final List<VelocityWire.Settlement> settlements = new ArrayList<>();
    private long lastSettledHour;
    private long recordId = 1;

    private VelocityDataApiSimulator(Supplier<MarketState> market, VelocityVenueModel model, int seededHours)
            throws IOException {
        this.market = market;
        this.model = model;
        this.rest = new SimRestServer(0);
        MarketState start = market.get();
        long hour = start.ts() / HOUR_MS * HOUR_MS;
        for (long h = hour - (seededHours - 1) * HOUR_MS; h <= hour; h += HOUR_MS) {
            settle(h, start);
        }
        rest.route(FUNDING_RATES, this::answer);
    }

    public static VelocityDataApiSimulator start(
            Supplier<MarketState> market, VelocityVenueModel model, int seededHours) throws IOException {
        VelocityDataApiSimulator sim = new VelocityDataApiSimulator(market, model, Math.max(2, seededHours));
        LOG.info("velocity data api simulator: {}", sim.restBase());
        return sim;
    }

    public String restBase() {
        return rest.base();
    }

    /** For HTTP-level faults on {@link #FUNDING_RATES}. */
    public SimRestServer rest() {
        return rest;
    }

    private synchronized SimRestServer.Reply answer(Map<String, String> query) {
        String name = query.get("marketName");
        boolean byIndex = name == null
                && String.valueOf(VelocityDlobSimulator.MARKET_INDEX).equals(query.get("marketIndex"));
        if (!byIndex && !VelocityDlobSimulator.MARKET.equalsIgnoreCase(name)) {
            // Velocity's data-API error body is not public; a plain-text 400 is our stand-in.
            return new SimRestServer.Reply(400, "Bad Request: unrecognized marketName");
        }
        MarketState now = market.get();
        for (long h = lastSettledHour + HOUR_MS; h <= now.ts() / HOUR_MS * HOUR_MS; h += HOUR_MS) {
            settle(h, now);
        }
        return SimRestServer.Reply.ok(VelocityWire.fundingRates(VelocityDlobSimulator.MARKET_INDEX, settlements));
    }

    private void settle(long hourMs, MarketState state) {
        long twap = Math.round(state.mid() * 1e6);
        double hourly = state.fundingRate() / 8;
        long fundingRate = Math.round(hourly * twap * 1000);
        long ts = hourMs / 1000 + CRANK_LAG_S;
        settlements.add(new VelocityWire.Settlement(model.slotAt(ts * 1000), ts, recordId++, fundingRate, twap));
        while (settlements.size() > KEPT) {
            settlements.remove(0);
        }
        lastSettledHour = hourMs;
    }

    @Override
    public void close() {
        rest.close();
    }
}
