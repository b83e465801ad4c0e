package perpwatch.feeds.onchain;

import java.util.Map;
import java.util.Optional;

/**
 * The markets and oracle prices one scan evaluates every user against: a consistent snapshot. Prices are keyed by
 * (oracle account, oracle source): a market sharing another's account but reading it with another source (a 1M-scaled
 * perp and its spot market) gets its own price, not the first market's.
 */
public record MarketContext(
        Map<Integer, PerpMarketAccount> perpMarkets,
        Map<Integer, SpotMarketAccount> spotMarkets,
        Map<OracleKey, OraclePrice> oracles) {
    public MarketContext {
        perpMarkets = Map.copyOf(perpMarkets);
        spotMarkets = Map.copyOf(spotMarkets);
        oracles = Map.copyOf(oracles);
    }

    /** The live oracle price of a perp market, else its cached price (flagged), else empty. */
    public Optional<OraclePrice> perpOracle(PerpMarketAccount market) {
        return price(new OracleKey(market.oracle(), market.oracleSource()), market.lastOraclePrice());
    }

    public Optional<OraclePrice> spotOracle(SpotMarketAccount market) {
        return price(new OracleKey(market.oracle(), market.oracleSource()), market.lastOraclePrice());
    }

    private Optional<OraclePrice> price(OracleKey key, long cached) {
        OraclePrice live = oracles.get(key);
        if (live != null) {
            return Optional.of(live);
        }
        return cached > 0
                ? Optional.of(new OraclePrice(cached, 0, 0, OraclePrice.Source.MARKET_CACHE))
                : Optional.empty();
    }
}
