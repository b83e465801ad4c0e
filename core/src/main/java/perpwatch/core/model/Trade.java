package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * One taker trade (or one venue-aggregated run of fills at the same price and side).
 *
 * @param id            the venue's increasing trade id (Binance aggregate trade id {@code a})
 * @param price         price in quote currency
 * @param quantity      quantity in base currency (SOL)
 * @param aggressorSell true when the taker sold (Binance {@code m=true}: the buyer was the maker)
 * @param tradeTime     venue trade time, epoch ms
 * @param recvTime      when we received it, epoch ms
 */
public record Trade(
        long id, BigDecimal price, BigDecimal quantity, boolean aggressorSell, long tradeTime, long recvTime) {}
