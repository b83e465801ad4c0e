package perpwatch.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import perpwatch.bench.NearestRank;

/**
 * A constant-rate, open-loop HTTP/1.1 GET driver on plain blocking sockets, in the manner of wrk2: a fixed pool of
 * keep-alive connections, one thread each; request {@code i} is due at {@code start + i / rate}, the next free
 * connection takes it when it is due, and its latency is measured from that due time (not from when it went out),
 * so a stall shows up as latency of every request it delayed instead of as a lower rate (coordinated omission).
 *
 * <p>Why not the JDK {@code HttpClient}: at 1,000 req/s on two shared cores its async machinery (selector thread,
 * executor hand-offs, a connection pool searched on every checkout) could not hold the rate even against a static
 * route, and the run collapsed into timeouts while {@code wrk} found the server fine. Here a request costs one write
 * and one read on a socket the thread owns: nothing is shared between connections but an index counter.
 *
 * <p>Also reported per request: the send delay (actual send − due; a busy pool or a starved driver) and the service
 * time (response − actual send; what {@code wrk} reports), so a driver that falls behind is visible as such.
 */
public final class OpenLoopHttpDriver {
    /**
     * Receives every answer (on the connection's thread): its index, due, send and completion times (System.nanoTime),
     * status and body.
     */
    public interface Sink {
        void answer(long index, long dueNanos, long sentNanos, long doneNanos, int status, byte[] body);
    }

    private final String host;
    private final int port;
    private final byte[] request;
    private final int connections;
    private final int timeoutMs;

    public OpenLoopHttpDriver(URI uri, int connections, Duration timeout) {
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.request = ("GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n"
                        + "Connection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.connections = connections;
        this.timeoutMs = (int) timeout.toMillis();
    }

    /**
     * @param latencyMicros  per scheduled request, response − due (µs), 0 when it failed or never went out
     * @param sendDelayMicros per request, actual send − due (µs)
     * @param serviceMicros  per request, response − actual send (µs)
     */
    public record Result(
            int scheduled,
            long[] latencyMicros,
            long[] sendDelayMicros,
            long[] serviceMicros,
            long failed,
            Map<String, Long> statuses,
            double achievedRate,
            long reconnects) {
        public Summary latency() {
            return Summary.of(latencyMicros);
        }

        public Summary sendDelay() {
            return Summary.of(sendDelayMicros);
        }

        public Summary service() {
            return Summary.of(serviceMicros);
        }
    }

    /** Percentiles over the requests that completed (µs; nearest rank). */
    public record Summary(int count, long p50, long p90, long p99, long p999, long max) {
        static Summary of(long[] micros) {
            long[] done = Arrays.stream(micros).filter(v -> v > 0).sorted().toArray();
            if (done.length == 0) {
                return new Summary(0, 0, 0, 0, 0, 0);
            }
            return new Summary(
                    done.length,
                    NearestRank.of(done, 0.50),
                    NearestRank.of(done, 0.90),
                    NearestRank.of(done, 0.99),
                    NearestRank.of(done, 0.999),
                    done[done.length - 1]);
        }

        public String toMillisRow() {
            return String.format(
                    "| %d | %.3f | %.3f | %.3f | %.3f | %.3f |",
                    count, p50 / 1000.0, p90 / 1000.0, p99 / 1000.0, p999 / 1000.0, max / 1000.0);
        }
    }

    /** Runs {@code rate × length} requests on the schedule; returns when every one has completed or failed. */
    public Result run(int rate, Duration length, Sink sink) throws InterruptedException {
        int total = (int) (rate * length.toSeconds());
        long[] latency = new long[total];
        long[] sendDelay = new long[total];
        long[] service = new long[total];
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong reconnects = new AtomicLong();
        Map<String, Long> statuses = new ConcurrentHashMap<>();
        double intervalNanos = 1e9 / rate;
        long start = System.nanoTime() + 20_000_000L;
        Thread[] threads = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            threads[c] = new Thread(
                    () -> {
                        Connection conn = null;
                        long index;
                        while ((index = next.getAndIncrement()) < total) {
                            long due = start + (long) (index * intervalNanos);
                            long wait;
                            while ((wait = due - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            int slot = (int) index;
                            try {
                                if (conn == null) {
                                    conn = new Connection(host, port, timeoutMs);
                                    reconnects.incrementAndGet();
                                }
                                long sent = System.nanoTime();
                                conn.out.write(request);
                                conn.out.flush();
                                Response response = conn.read();
                                long done = System.nanoTime();
                                latency[slot] = Math.max(1, (done - due) / 1_000);
                                sendDelay[slot] = Math.max(1, (sent - due) / 1_000);
                                service[slot] = Math.max(1, (done - sent) / 1_000);
                                statuses.merge(Integer.toString(response.status), 1L, Long::sum);
                                if (sink != null) {
                                    sink.answer(index, due, sent, done, response.status, response.body);
                                }
                                if (response.close) {
                                    conn.close();
                                    conn = null;
                                }
                            } catch (IOException | RuntimeException e) {
                                failed.incrementAndGet();
                                statuses.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                                if (conn != null) {
                                    conn.close();
                                    conn = null;
                                }
                            }
                        }
                        if (conn != null) {
                            conn.close();
                        }
                    },
                    "open-loop-" + c);
            threads[c].setDaemon(true);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // The first connection of each thread is not a reconnect.
        return new Result(
                total,
                latency,
                sendDelay,
                service,
                failed.get(),
                new TreeMap<>(statuses),
                total / seconds,
                Math.max(0, reconnects.get() - connections));
    }

    private record Response(int status, byte[] body, boolean close) {}

    /** One keep-alive connection and a small parser for the responses it reads (Content-Length or chunked). */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private byte[] buf = new byte[16 * 1024];
        private int start;
        private int end;

        Connection(String host, int port, int timeoutMs) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMs);
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        Response read() throws IOException {
            int headerEnd;
            while ((headerEnd = indexOf(CRLFCRLF)) < 0) {
                fill();
            }
            String head = new String(buf, start, headerEnd - start, StandardCharsets.ISO_8859_1);
            start = headerEnd + 4;
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x status line: " + lines[0]);
            }
            int status = Integer.parseInt(statusLine[1]);
            long contentLength = -1;
            boolean chunked = false;
            boolean close = statusLine[0].equals("HTTP/1.0");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" ->
                        close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
                    default -> {}
                }
            }
            byte[] body;
            if (chunked) {
                ByteArrayOutputStream collected = new ByteArrayOutputStream();
                while (true) {
                    int lineEnd;
                    while ((lineEnd = indexOf(CRLF)) < 0) {
                        fill();
                    }
                    String sizeLine = new String(buf, start, lineEnd - start, StandardCharsets.ISO_8859_1);
                    start = lineEnd + 2;
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                    if (size == 0) {
                        // Trailers (none expected) end with an empty line.
                        while ((lineEnd = indexOf(CRLF)) != start) {
                            if (lineEnd < 0) {
                                fill();
                            } else {
                                start = lineEnd + 2;
                            }
                        }
                        start += 2;
                        break;
                    }
                    collected.write(take(size), 0, size);
                    take(2);
                }
                body = collected.toByteArray();
            } else if (contentLength >= 0) {
                body = take((int) contentLength);
            } else {
                throw new IOException("response without a length on a keep-alive connection");
            }
            return new Response(status, body, close);
        }

        private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};
        private static final byte[] CRLF = {'\r', '\n'};

        private int indexOf(byte[] pattern) {
            outer:
            for (int i = start; i + pattern.length <= end; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (buf[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private byte[] take(int n) throws IOException {
            while (end - start < n) {
                fill();
            }
            byte[] out = Arrays.copyOfRange(buf, start, start + n);
            start += n;
            return out;
        }

        private void fill() throws IOException {
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                throw new EOFException("connection closed by the server");
            }
            end += n;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
