package perpwatch.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order.OrderType;
import org.knowm.xchange.dto.marketdata.OrderBook;
import org.knowm.xchange.dto.marketdata.OrderBookUpdate;
import org.knowm.xchange.dto.trade.LimitOrder;
import perpwatch.bench.DepthBookData;
import perpwatch.feeds.binance.book.DepthSnapshot;
import perpwatch.feeds.binance.book.DepthUpdate;
import perpwatch.feeds.binance.book.PriceLevel;

/**
 * XChange's side of the book rows. Each book gets the diffs in its own input type, built before timing: perpwatch
 * its {@link DepthUpdate}s as its parser produces them (levels already in scaled longs, see {@code ScaledLevels}; the
 * text → units conversion is timed in the depth-frame row), XChange one {@link OrderBookUpdate} per level (total
 * volume 0 removes) holding the generator's own BigDecimals ({@link DepthBookData#decimalDiffs}).
 */
final class XChangeBook {
    static final CurrencyPair PAIR = new CurrencyPair("SOL", "USDT");
    private static final Date WHEN = new Date(0);
    private static final BigDecimal BAND = new BigDecimal("0.0010");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final ObjectMapper TREE = new ObjectMapper();

    final OrderBook book;

    XChangeBook(DepthSnapshot snapshot) {
        this.book = xchange(snapshot);
    }

    void update(OrderBookUpdate u) {
        book.update(u);
    }

    int asks() {
        return book.getAsks().size();
    }

    BigDecimal[] top() {
        return xchangeTop(book);
    }

    List<BigDecimal[]> levels(boolean bid) {
        return levels(book, bid);
    }

    static OrderBook xchange(DepthSnapshot snapshot) {
        List<LimitOrder> asks = new ArrayList<>();
        List<LimitOrder> bids = new ArrayList<>();
        for (PriceLevel l : snapshot.asks()) {
            asks.add(new LimitOrder(OrderType.ASK, l.qty(), PAIR, null, WHEN, l.price()));
        }
        for (PriceLevel l : snapshot.bids()) {
            bids.add(new LimitOrder(OrderType.BID, l.qty(), PAIR, null, WHEN, l.price()));
        }
        return new OrderBook(WHEN, asks, bids, true);
    }

    /** Per diff, its levels as XChange updates, bids first as perpwatch applies them. */
    static OrderBookUpdate[][] updates(List<DepthBookData.DecimalDiff> diffs) {
        OrderBookUpdate[][] out = new OrderBookUpdate[diffs.size()][];
        for (int d = 0; d < out.length; d++) {
            DepthBookData.DecimalDiff diff = diffs.get(d);
            List<OrderBookUpdate> levels = new ArrayList<>();
            for (PriceLevel l : diff.bids()) {
                levels.add(new OrderBookUpdate(OrderType.BID, l.qty(), PAIR, l.price(), WHEN, l.qty()));
            }
            for (PriceLevel l : diff.asks()) {
                levels.add(new OrderBookUpdate(OrderType.ASK, l.qty(), PAIR, l.price(), WHEN, l.qty()));
            }
            out[d] = levels.toArray(new OrderBookUpdate[0]);
        }
        return out;
    }

    /**
     * A recorded depth frame's levels as the decimals its text holds (Jackson tree, untimed): XChange's input for the
     * recorded-stream check, independent of perpwatch's parser.
     */
    static DepthBookData.DecimalDiff decimalDiff(String frame) throws IOException {
        JsonNode root = TREE.readTree(frame);
        JsonNode event = root.has("data") ? root.get("data") : root;
        return new DepthBookData.DecimalDiff(
                event.get("U").asLong(),
                event.get("u").asLong(),
                event.get("pu").asLong(),
                decimalLevels(event.get("b")),
                decimalLevels(event.get("a")));
    }

    private static List<PriceLevel> decimalLevels(JsonNode levels) {
        List<PriceLevel> out = new ArrayList<>();
        for (JsonNode level : levels) {
            out.add(new PriceLevel(
                    new BigDecimal(level.get(0).asText()),
                    new BigDecimal(level.get(1).asText())));
        }
        return out;
    }

    /** XChange's counterpart of {@code OrderBook.top}: best levels, spread in bps, 10 bps notional both sides. */
    static BigDecimal[] xchangeTop(OrderBook book) {
        List<LimitOrder> bids = book.getBids();
        List<LimitOrder> asks = book.getAsks();
        BigDecimal bid = bids.get(0).getLimitPrice();
        BigDecimal ask = asks.get(0).getLimitPrice();
        BigDecimal mid = bid.add(ask).divide(TWO);
        BigDecimal bidFloor = mid.multiply(BigDecimal.ONE.subtract(BAND));
        BigDecimal askCeiling = mid.multiply(BigDecimal.ONE.add(BAND));
        BigDecimal depthBid = BigDecimal.ZERO;
        for (LimitOrder o : bids) {
            if (o.getLimitPrice().compareTo(bidFloor) < 0) {
                break;
            }
            depthBid = depthBid.add(o.getLimitPrice().multiply(o.getOriginalAmount()));
        }
        BigDecimal depthAsk = BigDecimal.ZERO;
        for (LimitOrder o : asks) {
            if (o.getLimitPrice().compareTo(askCeiling) > 0) {
                break;
            }
            depthAsk = depthAsk.add(o.getLimitPrice().multiply(o.getOriginalAmount()));
        }
        BigDecimal spreadBps =
                ask.subtract(bid).multiply(BigDecimal.valueOf(20_000)).divide(bid.add(ask), 4, RoundingMode.HALF_EVEN);
        return new BigDecimal[] {
            bid, bids.get(0).getOriginalAmount(), ask, asks.get(0).getOriginalAmount(), spreadBps, depthBid, depthAsk
        };
    }

    static List<BigDecimal[]> levels(OrderBook book, boolean bid) {
        List<BigDecimal[]> out = new ArrayList<>();
        for (LimitOrder o : bid ? book.getBids() : book.getAsks()) {
            out.add(new BigDecimal[] {o.getLimitPrice(), o.getOriginalAmount()});
        }
        return out;
    }
}
