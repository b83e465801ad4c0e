package perpwatch.archive;

import java.util.List;

/**
 * The field lists of the record shapes that more than one venue's stream carries, so datasets of one shape cannot
 * drift apart (an enum's constants cannot name the enum's own static fields, hence this holder).
 */
final class RecordFields {
    /** A book's top, spread and depth within 10 bps: the Binance book and Velocity's DLOB book. */
    static final List<String> BOOK_TOP = List.of(
            "bid_px", "bid_qty", "ask_px", "ask_qty", "spread_bps", "depth_bid_usd", "depth_ask_usd", "ts", "recv_ts");

    /** One funding settlement: Bybit's settled prints and Velocity's settled funding. */
    static final List<String> SETTLED_FUNDING =
            List.of("symbol", "funding_rate", "funding_rate_8h", "funding_interval_h", "funding_apr", "ts", "recv_ts");

    /** A venue's last trade: OKX's USDC and USDT swaps. */
    static final List<String> LAST_TRADE = List.of("symbol", "price", "side", "size", "ts", "recv_ts");

    private RecordFields() {}
}
