package perpwatch.feeds.onchain;

import java.util.Map;
import java.util.Optional;

/** The markets and oracle prices one scan evaluates every user against: a consistent snapshot. */
public record MarketContext(Map<Integer, PerpMarketAccount> perpMarkets, Map<Integer, SpotMarketAccount> spotMarkets,
                            Map<String, OraclePrice> oraclesByPubkey) {
    public MarketContext {
        perpMarkets = Map.copyOf(perpMarkets);
        spotMarkets = Map.copyOf(spotMarkets);
        oraclesByPubkey = Map.copyOf(oraclesByPubkey);
    }

    /** The live oracle price of a perp market, else its cached price (flagged), else empty. */
    public Optional<OraclePrice> perpOracle(PerpMarketAccount market) {
        return price(market.oracle(), market.lastOraclePrice());
    }

    public Optional<OraclePrice> spotOracle(SpotMarketAccount market) {
        return price(market.oracle(), market.lastOraclePrice());
    }

    private Optional<OraclePrice> price(String oracle, long cached) {
        OraclePrice live = oraclesByPubkey.get(oracle);
        if (live != null) {
            return Optional.of(live);
        }
        return cached > 0 ? Optional.of(new OraclePrice(cached, 0, 0, OraclePrice.Source.MARKET_CACHE)) : Optional.empty();
    }
}
