package perpwatch.feeds.onchain;

import java.util.List;
import java.util.Set;

/**
 * The one reading machinery both programs share, bound to one program's tables: account layouts by size, what its
 * market-status bytes mean, and which oracle kinds it prices with. Every decode picks the layout by the account's
 * size and refuses a size it does not know ({@link DriftDecodeException}: the scanner counts it as undecodable).
 * Every User it decodes carries the program's {@link MarginRules}.
 */
public final class ProgramDecoders {
    private final AccountLayouts layouts;
    private final List<MarketStatus> marketStatus;
    private final Set<Integer> oracleSources;
    private final MarginRules marginRules;

    ProgramDecoders(
            AccountLayouts layouts,
            List<MarketStatus> marketStatus,
            Set<Integer> oracleSources,
            MarginRules marginRules) {
        this.layouts = layouts;
        this.marketStatus = List.copyOf(marketStatus);
        this.oracleSources = Set.copyOf(oracleSources);
        this.marginRules = marginRules;
    }

    public DriftUser user(byte[] data) {
        AccountBytes.expectDiscriminator(data, Discriminators.USER, "User");
        return UserDecoder.decode(layouts.user(data), marginRules, data);
    }

    /** The scanner's fast pre-filter: reads only the perp slots of a User whose size names a layout. */
    public boolean hasPerpPosition(byte[] data, int marketIndex) {
        AccountBytes.expectDiscriminator(data, Discriminators.USER, "User");
        return UserDecoder.hasPerpPosition(layouts.user(data), data, marketIndex);
    }

    public PerpMarketAccount perpMarket(byte[] data) {
        AccountBytes.expectDiscriminator(data, Discriminators.PERP_MARKET, "PerpMarket");
        return PerpMarketDecoder.decode(layouts.perpMarket(data), marketStatus, data);
    }

    public SpotMarketAccount spotMarket(byte[] data) {
        AccountBytes.expectDiscriminator(data, Discriminators.SPOT_MARKET, "SpotMarket");
        return SpotMarketDecoder.decode(layouts.spotMarket(data), data);
    }

    public ExchangeStatus state(byte[] data) {
        AccountBytes.expectDiscriminator(data, Discriminators.STATE, "State");
        return new ExchangeStatus(new AccountBytes(data).u8(layouts.state(data).exchangeStatus()));
    }

    /** A price from an oracle account; an oracle kind this program does not price with is refused, not guessed. */
    public OraclePrice oracle(int source, byte[] data) {
        if (!oracleSources.contains(source)) {
            throw new DriftDecodeException("oracle source " + source + " is not one this program prices with");
        }
        return OracleDecoder.decode(source, data, layouts.pythLazerOracle());
    }

    /** The margin rules of this program, for tests that build users from fields rather than bytes. */
    MarginRules marginRules() {
        return marginRules;
    }

    /** The market statuses this program's status bytes mean, in byte order. */
    List<MarketStatus> marketStatus() {
        return marketStatus;
    }

    public int maxUserSize() {
        return layouts.maxUserSize();
    }

    public int maxMarketSize() {
        return layouts.maxMarketSize();
    }
}
