package perpwatch.feeds.onchain;

import java.util.List;

/**
 * Velocity's account layouts (offsets include the 8-byte discriminator), one per account size the program has
 * deployed. Sources, and what each confirms, are in {@code docs/velocity-layout.md}; {@code VelocityLayoutTest} holds
 * every number here to the Velocity IDL where the IDL still describes the deployed struct, and to the offsets
 * velocity-v1's own layout tests pin where it does not.
 */
final class VelocityLayout {
    private VelocityLayout() {}

    static final String PROGRAM_ID = "vELoC1audYbSYVRXn1vPaV8Axoa9oU6BYmNGZZBDZ1P";

    /** Velocity renumbered MarketStatus: ReduceOnly/Settlement/Delisted are 2/3/4 (Drift used 6/7/8). */
    static final List<MarketStatus> MARKET_STATUS = List.of(
            MarketStatus.INITIALIZED,
            MarketStatus.ACTIVE,
            MarketStatus.REDUCE_ONLY,
            MarketStatus.SETTLEMENT,
            MarketStatus.DELISTED);

    /** Unchanged from Drift: 40-byte slots, same field order. */
    static final SpotPositionLayout SPOT_POSITION = new SpotPositionLayout(40, 0, 8, 16, 32, 34, 35);

    /**
     * The 80-byte PerpPosition of the 4,496-byte User: Drift's lp fields are gone; settled pnl 56, isolated balance
     * 64, reduce-only CLOB count (u16) 72, then max margin ratio, market index, a u8 open-order count and the flag.
     */
    static final PerpPositionLayout PERP_POSITION_80 =
            new PerpPositionLayout(80, 0, 8, 16, 24, 32, 40, 48, 64, 74, 76, 78, 1, 79);

    /**
     * The 88-byte PerpPosition of the 4,560-byte User: the open-order count widened to u16, so the flag moved to 80.
     */
    static final PerpPositionLayout PERP_POSITION_88 =
            new PerpPositionLayout(88, 0, 8, 16, 24, 32, 40, 48, 64, 74, 76, 78, 2, 80);

    /** 8 spot slots at 104, 8 perp slots at 424, 32 orders of 104 bytes, then the scalars; no margin mode. */
    static final UserLayout USER_4496 = new UserLayout(
            4496, 8, 104, SPOT_POSITION, 424, PERP_POSITION_80, 4448, 4460, 4466, 4468, 4470, AccountLayouts.ABSENT);

    /** velocity-v1 {@code memcmp.ts} calls this "the current layout"; {@code tests/user_layout.rs} pins its tail. */
    static final UserLayout USER_4560 = new UserLayout(
            4560, 8, 104, SPOT_POSITION, 424, PERP_POSITION_88, 4512, 4524, 4530, 4532, 4534, AccountLayouts.ABSENT);

    /**
     * PerpMarket before (1,304 B) and after (1,560 B) the in-place growth, which only appended: the fields read here
     * sit at the same offsets in both. The cached oracle price and the MM oracle price live in {@code MarketStats},
     * whose struct we have not confirmed: ABSENT, so a dead oracle gives no price instead of a mis-read one.
     */
    private static PerpMarketLayout perpMarket(int size) {
        return new PerpMarketLayout(
                size,
                8,
                312,
                673,
                AccountLayouts.ABSENT,
                AccountLayouts.ABSENT,
                184,
                200,
                424,
                600,
                616,
                620,
                628,
                640,
                642,
                643,
                AccountLayouts.ABSENT,
                AccountLayouts.ABSENT);
    }

    /** SpotMarket before (808 B) and after (1,064 B) the in-place growth, which only appended. */
    private static SpotMarketLayout spotMarket(int size) {
        return new SpotMarketLayout(size, 8, 40, 136, 456, 328, 344, 660, 668, 672, 696, 700, 703, 704);
    }

    static final AccountLayouts ACCOUNTS = new AccountLayouts(
            List.of(USER_4496, USER_4560),
            List.of(perpMarket(1304), perpMarket(1560)),
            List.of(spotMarket(808), spotMarket(1064)),
            // 14 admin/hot pubkeys, 4 more, two 368-byte fee structures, guard rails, scalars: exchange_status at 1398.
            List.of(new StateLayout(1688, 1398)),
            new PythLazerOracleLayout(48, 8, 16, 24, 32, 40));
}
