package perpwatch.local.market.synthetic;

/**
 * One instant of the synthetic market.
 *
 * @param mid          SOL mid price (USDT)
 * @param basisBps     USDC-margined vs USDT-margined price difference, bps
 * @param fundingRate  per-interval funding rate (8 h interval)
 * @param openInterest open interest, SOL
 * @param regime       calm, or a cascade with its direction
 */
public record MarketState(
        long ts, double mid, double basisBps, double fundingRate, double openInterest, Regime regime) {
    public enum Regime {
        CALM,
        CASCADE_DOWN,
        CASCADE_UP
    }

    public boolean cascading() {
        return regime != Regime.CALM;
    }
}
