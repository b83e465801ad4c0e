package perpwatch.local.sim.okx;

import java.math.BigDecimal;

/** OKX v5 push rows exactly as the venue writes them: every value a string, timestamps included. */
public final class OkxWire {
    private OkxWire() {}

    /** One {@code trades} row; {@code size} is in contracts, {@code side} the taker's. */
    public static String tradeRow(
            String instId, long tradeId, BigDecimal price, BigDecimal size, String side, long ts) {
        return "{\"instId\":\"" + instId + "\",\"tradeId\":\"" + tradeId + "\",\"px\":\"" + price.toPlainString()
                + "\",\"sz\":\"" + size.toPlainString() + "\",\"side\":\"" + side + "\",\"ts\":\"" + ts
                + "\",\"count\":\"1\"}";
    }

    /**
     * One {@code liquidation-orders} row for a linear USDT/USDC swap; {@code side} is the liquidation ORDER's side
     * ({@code sell} closes a long), {@code size} in contracts.
     */
    public static String liquidationRow(
            String instId, String side, BigDecimal size, BigDecimal bankruptcyPrice, long ts) {
        String family = instId.substring(0, instId.lastIndexOf('-'));
        String posSide = side.equals("sell") ? "long" : "short";
        return "{\"details\":[{\"bkLoss\":\"0\",\"bkPx\":\"" + bankruptcyPrice.toPlainString()
                + "\",\"ccy\":\"\",\"posSide\":\"" + posSide
                + "\",\"side\":\"" + side + "\",\"sz\":\"" + size.toPlainString() + "\",\"ts\":\"" + ts
                + "\"}],\"instFamily\":\"" + family
                + "\",\"instId\":\"" + instId + "\",\"instType\":\"SWAP\",\"uly\":\"" + family + "\"}";
    }

    /** An instruments REST row for a linear swap settled in {@code settle}, in the current schema. */
    public static String linearSwap(String instId, String ctVal, String settle) {
        String family = instId.substring(0, instId.lastIndexOf('-'));
        return "{\"alias\":\"\",\"baseCcy\":\"\",\"category\":\"1\",\"ctMult\":\"1\",\"ctType\":\"linear\",\"ctVal\":\""
                + ctVal
                + "\",\"ctValCcy\":\"" + family.substring(0, family.indexOf('-'))
                + "\",\"expTime\":\"\",\"instFamily\":\"" + family
                + "\",\"instId\":\"" + instId
                + "\",\"instType\":\"SWAP\",\"lever\":\"50\",\"listTime\":\"1611916828000\",\"lotSz\":\"0.01\","
                + "\"minSz\":\"0.01\",\"settleCcy\":\"" + settle
                + "\",\"state\":\"live\",\"tickSz\":\"0.01\",\"uly\":\"" + family + "\"}";
    }
}
