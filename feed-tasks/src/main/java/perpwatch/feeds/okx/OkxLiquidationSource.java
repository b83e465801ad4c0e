package perpwatch.feeds.okx;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.PositionSide;
import perpwatch.feeds.liquidations.LiquidationFrame;
import perpwatch.feeds.liquidations.LiquidationSource;
import perpwatch.feeds.liquidations.RecentKeys;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.FrameCounter;
import perpwatch.feeds.metrics.LinkCounter;
import perpwatch.feeds.metrics.LiquidationCounter;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.Keepalive;

/**
 * OKX v5 {@code liquidation-orders} for SWAP, filtered to the instrument's USDT and USDC swaps (OKX cannot narrow
 * the channel by instrument). {@code side} is the liquidation ORDER's side ({@code sell} closes a long); OKX's own
 * notes say not to rely on {@code posSide}, which is {@code net} in one-way mode. Sizes are contracts, converted with
 * the instrument's contract value. Rows OKX repeats are dropped by (instId, ts, side, sz, bkPx).
 */
public final class OkxLiquidationSource extends LiquidationSource {
    private static final Logger LOG = LoggerFactory.getLogger(OkxLiquidationSource.class);
    static final String CHANNEL = "liquidation-orders";
    static final String SUBSCRIBE =
            "{\"op\":\"subscribe\",\"args\":[{\"channel\":\"" + CHANNEL + "\",\"instType\":\"SWAP\"}]}";
    private final Set<String> instIds;
    private final OkxContractSpecs specs;
    private final OkxFrameParser parser = new OkxFrameParser();
    private final RecentKeys recent = new RecentKeys(10_000);

    public OkxLiquidationSource(Instrument instrument, OkxEndpoints endpoints, OkxContractSpecs specs) {
        // OKX closes a connection after 30 s without traffic; a text ping after 20 s of quiet keeps it.
        super("okx", endpoints.publicWs(), Keepalive.textFrame(Duration.ofSeconds(20), "ping"), SUBSCRIBE);
        this.instIds = Set.copyOf(instrument.symbols(Venue.OKX_USDT, Venue.OKX_USDC));
        this.specs = specs;
    }

    @Override
    public boolean prepare() {
        return specs.loadAll("liquidations:okx", Backoff.standard());
    }

    /**
     * OKX answers a subscription with one {@code {"event":"subscribe",…}} per argument, or with
     * {@code {"event":"error","code":"60018",…}} (no op named in it: our subscription is the only request we send, so
     * an error while it is pending is its refusal; the worker decides that, knowing the state).
     */
    @Override
    public LiquidationFrame read(String text, long recvMs, FeedCounters counters) throws MalformedFrameException {
        OkxFrame frame = parser.parse(text);
        if (frame instanceof OkxFrame.VenueError error) {
            return new LiquidationFrame.Refused(new Refusal(error.code(), error.message()));
        }
        if (frame instanceof OkxFrame.Pong) {
            counters.increment(LinkCounter.PONGS);
            return new LiquidationFrame.Control();
        }
        if (frame instanceof OkxFrame.Ack ack) {
            return ack.event().equals("subscribe") && ack.channel().equals(CHANNEL)
                    ? new LiquidationFrame.Subscribed()
                    : new LiquidationFrame.Control();
        }
        if (!(frame instanceof OkxFrame.Liquidations pushed)) {
            return new LiquidationFrame.Control();
        }
        OkxBadRows.report("okx", pushed.badRows(), counters);
        List<Liquidation> out = new ArrayList<>();
        for (OkxFrame.Liquidation row : pushed.liquidations()) {
            if (!instIds.contains(row.instId())) {
                counters.increment(FrameCounter.OTHER_INSTRUMENT);
                continue;
            }
            String key = row.instId() + "|" + row.ts() + "|" + row.side() + "|"
                    + row.contracts().toPlainString() + "|"
                    + row.bankruptcyPrice().toPlainString();
            if (!recent.firstTime(key)) {
                counters.increment(FrameCounter.DUPLICATES);
                continue;
            }
            Optional<ContractSpec> spec = specs.get(row.instId());
            if (spec.isEmpty()) {
                // prepare() loads every spec before the socket opens, so this is a bug, not a venue condition.
                counters.increment(LiquidationCounter.NO_CONTRACT_VALUE);
                LOG.error("[okx] no contract value for {}; liquidation skipped", row.instId());
                continue;
            }
            BigDecimal quantity = spec.get().toBase(row.contracts());
            PositionSide side = positionSide(row.side(), "sell", "buy", "side");
            out.add(new Liquidation(
                    venue(),
                    row.instId(),
                    side,
                    row.bankruptcyPrice(),
                    quantity,
                    row.bankruptcyPrice().multiply(quantity),
                    row.ts(),
                    recvMs));
        }
        return new LiquidationFrame.Push(out);
    }
}
