package perpwatch.feeds.onchain;

import java.util.ArrayList;
import java.util.List;
import perpwatch.feeds.onchain.DriftLayout.PerpPosition;
import perpwatch.feeds.onchain.DriftLayout.SpotPosition;
import perpwatch.feeds.onchain.DriftLayout.User;

/** Drift {@code User} account bytes → {@link DriftUser}. */
public final class UserDecoder {
    private UserDecoder() {
    }

    public static DriftUser decode(byte[] data) {
        AccountBytes.expect(data, User.SIZE, DriftLayout.USER_DISCRIMINATOR, "User");
        AccountBytes b = new AccountBytes(data);
        List<perpwatch.feeds.onchain.SpotPosition> spots = new ArrayList<>(User.SPOT_POSITION_COUNT);
        for (int i = 0; i < User.SPOT_POSITION_COUNT; i++) {
            int o = User.SPOT_POSITIONS + i * SpotPosition.SIZE;
            spots.add(new perpwatch.feeds.onchain.SpotPosition(b.u16(o + SpotPosition.MARKET_INDEX), b.u64(o + SpotPosition.SCALED_BALANCE),
                    b.u8(o + SpotPosition.BALANCE_TYPE) == 1, b.i64(o + SpotPosition.OPEN_BIDS), b.i64(o + SpotPosition.OPEN_ASKS),
                    b.u8(o + SpotPosition.OPEN_ORDERS)));
        }
        List<perpwatch.feeds.onchain.PerpPosition> perps = new ArrayList<>(User.PERP_POSITION_COUNT);
        for (int i = 0; i < User.PERP_POSITION_COUNT; i++) {
            int o = User.PERP_POSITIONS + i * PerpPosition.SIZE;
            perps.add(new perpwatch.feeds.onchain.PerpPosition(b.u16(o + PerpPosition.MARKET_INDEX), b.i64(o + PerpPosition.BASE_ASSET_AMOUNT),
                    b.i64(o + PerpPosition.QUOTE_ASSET_AMOUNT), b.i64(o + PerpPosition.QUOTE_BREAK_EVEN_AMOUNT),
                    b.i64(o + PerpPosition.QUOTE_ENTRY_AMOUNT), b.i64(o + PerpPosition.LAST_CUMULATIVE_FUNDING_RATE),
                    b.i64(o + PerpPosition.OPEN_BIDS), b.i64(o + PerpPosition.OPEN_ASKS), b.u8(o + PerpPosition.OPEN_ORDERS),
                    b.u16(o + PerpPosition.MAX_MARGIN_RATIO), b.u8(o + PerpPosition.POSITION_FLAG)));
        }
        return new DriftUser(b.pubkey(User.AUTHORITY), b.u16(User.SUB_ACCOUNT_ID), b.u8(User.STATUS), b.bool(User.IDLE),
                b.u8(User.MARGIN_MODE), (int) b.u32(User.MAX_MARGIN_RATIO), b.i64(User.LAST_ACTIVE_SLOT), List.copyOf(spots), List.copyOf(perps));
    }

    /**
     * Whether the account holds a non-zero base position in {@code marketIndex}, reading only the 8 perp slots: a
     * scan meets hundreds of thousands of users and most hold nothing in SOL-PERP.
     */
    public static boolean hasPerpPosition(byte[] data, int marketIndex) {
        AccountBytes.expect(data, User.SIZE, DriftLayout.USER_DISCRIMINATOR, "User");
        for (int i = 0; i < User.PERP_POSITION_COUNT; i++) {
            int o = User.PERP_POSITIONS + i * PerpPosition.SIZE;
            int market = (data[o + PerpPosition.MARKET_INDEX] & 0xff) | (data[o + PerpPosition.MARKET_INDEX + 1] & 0xff) << 8;
            if (market == marketIndex && AccountBytes.i64(data, o + PerpPosition.BASE_ASSET_AMOUNT) != 0) {
                return true;
            }
        }
        return false;
    }
}
