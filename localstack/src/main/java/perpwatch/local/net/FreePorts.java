package perpwatch.local.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A port on 127.0.0.1 that nothing listens on right now, for the local cloud's helpers and the bench drivers. */
public final class FreePorts {
    private FreePorts() {}

    /**
     * Asks the kernel for an ephemeral port and releases it. Another process could take it before the caller binds;
     * on a developer box or CI runner that race is rare, and the caller's bind then fails loudly rather than quietly.
     */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
