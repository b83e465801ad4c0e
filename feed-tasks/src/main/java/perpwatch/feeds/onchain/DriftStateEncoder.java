package perpwatch.feeds.onchain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Drift v2's State account with its exchange-status bits: the simulator's paused program says it is paused. */
public final class DriftStateEncoder {
    private DriftStateEncoder() {}

    public static byte[] state(int exchangeStatus) {
        ByteBuffer b = ByteBuffer.allocate(DriftLayout.State.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(Discriminators.STATE);
        b.put(DriftLayout.State.EXCHANGE_STATUS, (byte) exchangeStatus);
        return b.array();
    }
}
