package perpwatch.local.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A loopback port kept bound until its owner is ready to bind it for real. The local cloud is told its API port up
 * front (often one {@link FreePorts#any()} just released) and binds it last, after the simulators, the Kinesis
 * emulator and S3Proxy have each asked the kernel for a port: holding it meanwhile stops the kernel from handing the
 * same port to one of them (a CI run failed on exactly that: kinesis-local got the API's port).
 */
public final class PortHold implements AutoCloseable {
    private final ServerSocket socket;

    private PortHold(ServerSocket socket) {
        this.socket = socket;
    }

    /** Binds {@code port} on 127.0.0.1 now; fails, naming the port, when something already has it. */
    public static PortHold of(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return new PortHold(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("port " + port + " on 127.0.0.1 is already in use", e);
        }
    }

    /** Lets the port go, just before its owner binds it. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
