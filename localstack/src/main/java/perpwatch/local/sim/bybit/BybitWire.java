package perpwatch.local.sim.bybit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Bybit v5 linear messages and REST results exactly as the venue writes them. */
public final class BybitWire {
    private BybitWire() {}

    public static String liquidationTopic(String symbol) {
        return "allLiquidation." + symbol;
    }

    /**
     * {@code allLiquidation}: {@code S} is the POSITION side ({@code Buy} = a long was liquidated), {@code v} in base
     * coin.
     */
    public static String allLiquidation(
            String symbol, String positionSide, BigDecimal size, BigDecimal bankruptcyPrice, long time, long ts) {
        return "{\"topic\":\"allLiquidation." + symbol + "\",\"type\":\"snapshot\",\"ts\":" + ts + ",\"data\":[{\"T\":"
                + time + ",\"s\":\"" + symbol + "\",\"S\":\"" + positionSide + "\",\"v\":\"" + size.toPlainString()
                + "\",\"p\":\"" + bankruptcyPrice.toPlainString() + "\"}]}";
    }

    /**
     * {@code result} of open-interest (newest first, strings throughout) as the 2026 docs write it:
     * {@code openInterest} is the sum of both sides, {@code singleOpenInterest} one side.
     *
     * @param oneSided the open interest of one side (longs = shorts), base coin
     */
    public static String openInterestResult(String symbol, BigDecimal oneSided, long timestamp) {
        return "{\"symbol\":\"" + symbol + "\",\"category\":\"linear\",\"list\":[{\"openInterest\":\""
                + oneSided.add(oneSided).toPlainString() + "\",\"singleOpenInterest\":\"" + oneSided.toPlainString()
                + "\",\"timestamp\":\"" + timestamp + "\"}],\"nextPageCursor\":\"\"}";
    }

    /** A settled funding print: the rate and its {@code fundingRateTimestamp}. */
    public record SettledPrint(BigDecimal fundingRate, long fundingRateTimestamp) {}

    /** {@code result} of funding/history: newest first, at most {@code limit} rows, strings throughout. */
    public static String fundingHistoryResult(String symbol, List<SettledPrint> newestFirst, int limit) {
        StringBuilder rows = new StringBuilder();
        for (SettledPrint p : newestFirst.subList(0, Math.min(limit, newestFirst.size()))) {
            rows.append(rows.length() == 0 ? "" : ",")
                    .append("{\"symbol\":\"")
                    .append(symbol)
                    .append("\",\"fundingRate\":\"")
                    .append(p.fundingRate().toPlainString())
                    .append("\",\"fundingRateTimestamp\":\"")
                    .append(p.fundingRateTimestamp())
                    .append("\"}");
        }
        return "{\"category\":\"linear\",\"list\":[" + rows + "]}";
    }

    /** {@code result} of tickers for one linear symbol. */
    public static String tickersResult(
            String symbol, BigDecimal mark, BigDecimal fundingRate, long nextFundingTime, BigDecimal openInterest) {
        return "{\"category\":\"linear\",\"list\":[{\"symbol\":\"" + symbol + "\",\"lastPrice\":\""
                + mark.toPlainString() + "\",\"indexPrice\":\""
                + mark.toPlainString() + "\",\"markPrice\":\"" + mark.toPlainString() + "\",\"prevPrice24h\":\""
                + mark.toPlainString()
                + "\",\"price24hPcnt\":\"0\",\"highPrice24h\":\"" + mark.toPlainString() + "\",\"lowPrice24h\":\""
                + mark.toPlainString()
                + "\",\"prevPrice1h\":\"" + mark.toPlainString() + "\",\"openInterest\":\""
                + openInterest.toPlainString()
                + "\",\"openInterestValue\":\""
                + openInterest.multiply(mark).setScale(2, RoundingMode.HALF_UP).toPlainString()
                + "\",\"turnover24h\":\"0\",\"volume24h\":\"0\",\"fundingRate\":\"" + fundingRate.toPlainString()
                + "\",\"nextFundingTime\":\""
                + nextFundingTime
                + "\",\"predictedDeliveryPrice\":\"\",\"basisRate\":\"\",\"basis\":\"\",\"deliveryFeeRate\":\"\","
                + "\"deliveryTime\":\"0\","
                + "\"ask1Size\":\"1\",\"bid1Price\":\"" + mark.toPlainString() + "\",\"ask1Price\":\""
                + mark.toPlainString() + "\",\"bid1Size\":\"1\","
                + "\"preOpenPrice\":\"\",\"preQty\":\"\",\"curPreListingPhase\":\"\",\"fundingIntervalHour\":\"8\","
                + "\"fundingCap\":\"0.02\",\"basisRateYear\":\"\"}]}";
    }

    /** {@code result} of instruments-info; {@code fundingInterval} is a NUMBER in minutes. */
    public static String instrumentsInfoResult(String symbol, int fundingIntervalMinutes) {
        return "{\"category\":\"linear\",\"list\":[{\"symbol\":\"" + symbol
                + "\",\"contractType\":\"LinearPerpetual\",\"status\":\"Trading\","
                + "\"baseCoin\":\"SOL\",\"quoteCoin\":\"USDT\",\"launchTime\":\"1633590000000\","
                + "\"deliveryTime\":\"0\",\"deliveryFeeRate\":\"\","
                + "\"priceScale\":\"3\",\"leverageFilter\":{\"minLeverage\":\"1\",\"maxLeverage\":\"100.00\","
                + "\"leverageStep\":\"0.01\"},"
                + "\"priceFilter\":{\"minPrice\":\"0.010\",\"maxPrice\":\"19999.980\",\"tickSize\":\"0.010\"},"
                + "\"lotSizeFilter\":{\"maxOrderQty\":\"79770.0\",\"minOrderQty\":\"0.1\",\"qtyStep\":\"0.1\","
                + "\"postOnlyMaxOrderQty\":\"79770.0\"},"
                + "\"unifiedMarginTrade\":true,\"fundingInterval\":" + fundingIntervalMinutes
                + ",\"settleCoin\":\"USDT\",\"copyTrading\":\"both\","
                + "\"upperFundingRate\":\"0.02\",\"lowerFundingRate\":\"-0.02\",\"isPreListing\":false,"
                + "\"preListingInfo\":null}],\"nextPageCursor\":\"\"}";
    }
}
