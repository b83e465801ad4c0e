package perpwatch.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * A constant-rate, open-loop HTTP/1.1 driver on Netty (wrk2's model), corrected for coordinated omission: request
 * {@code i} is due at {@code start + i / rate}, whatever happened to the requests before it, and its latency runs from
 * that due time to the last byte of its answer. A stall therefore counts against every request it delayed, instead of
 * slowing the schedule down (which is what a closed loop, and the JDK {@code HttpClient} driver that collapsed at
 * 1,000 req/s, report as "fine").
 *
 * <p>How: one pacing thread (the caller's) wakes at each due time ({@code parkNanos}, so requests due within the
 * timer's slack go out as one batch) and hands the due times to the I/O threads. Each I/O thread owns a lane: a fixed
 * pool of keep-alive connections, one request in flight per connection (no pipelining), a queue of due requests
 * waiting for a free connection, and its own HdrHistograms. Nothing is shared between lanes, so there is no lock; a
 * request waits in the queue only when every connection of its lane is busy, and that wait is in its latency.
 *
 * <p>Requests are encoded once (a {@link Target}'s bytes, written as a duplicate), answers parsed by Netty's
 * {@link HttpResponseDecoder}. Per request it reports the latency (due → answered), the send delay (due → written: the
 * driver late or every connection busy) and the service time (written → answered: what {@code wrk} reports).
 */
public final class NettyLoadDriver implements AutoCloseable {
    /** Longest latency recorded exactly; longer values are clamped to it (and the run counts them as timed out). */
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    /**
     * What a run sends: the same request every time, encoded once; or, with {@code bodies}, a new body per request
     * (a route that refuses repeats, like the webhook's deduplication), encoded when it is sent.
     */
    public record Target(String name, ByteBuf bytes, Function<ByteBufAllocator, ByteBuf> fresh) {
        /** {@code GET} of the URI's path and query, keep-alive. */
        public static Target get(String name, URI uri) {
            return of(name, "GET", uri, Map.of(), new byte[0]);
        }

        /** Any method, extra headers and a new body from {@code bodies} for every request (Content-Length set). */
        public static Target each(
                String name, String method, URI uri, Map<String, String> headers, Supplier<byte[]> bodies) {
            byte[] none = new byte[0];
            return new Target(name, null, alloc -> {
                byte[] body = bodies.get();
                byte[] head = head(method, uri, headers, body.length);
                return alloc.directBuffer(head.length + body.length)
                        .writeBytes(head)
                        .writeBytes(body.length == 0 ? none : body);
            });
        }

        /** This request's bytes. */
        ByteBuf request(ByteBufAllocator alloc) {
            return fresh == null ? bytes.duplicate() : fresh.apply(alloc);
        }

        /** Any method, extra headers and a body (Content-Length set). */
        public static Target of(String name, String method, URI uri, Map<String, String> headers, byte[] body) {
            byte[] headBytes = head(method, uri, headers, body.length);
            byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return new Target(
                    name,
                    Unpooled.unreleasableBuffer(
                            Unpooled.directBuffer(all.length).writeBytes(all)),
                    null);
        }

        private static byte[] head(String method, URI uri, Map<String, String> headers, int bodyLength) {
            String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getHost())
                    .append(':')
                    .append(uri.getPort())
                    .append("\r\nAccept: application/json\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (bodyLength > 0 || !method.equals("GET")) {
                head.append("Content-Length: ").append(bodyLength).append("\r\n");
            }
            head.append("\r\n");
            return head.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * One run's figures. The histograms are in microseconds.
     *
     * @param notSent requests still queued when the run gave up waiting (the server or the driver could not keep up)
     * @param timedOut requests without an answer within the timeout (their connection is closed and replaced)
     * @param maxQueued the most requests that waited for a free connection at once, over all lanes
     */
    public record Result(
            String target,
            int rate,
            Duration length,
            long scheduled,
            long answered,
            long timedOut,
            long failed,
            long notSent,
            Map<String, Long> statuses,
            Histogram latency,
            Histogram sendDelay,
            Histogram service,
            double achievedRate,
            long reconnects,
            long maxQueued) {
        /** {@code | answered | p50 | p90 | p99 | p99.9 | max |} in ms, of one histogram. */
        public static String row(Histogram h) {
            return String.format(
                    "| %d | %.3f | %.3f | %.3f | %.3f | %.3f |",
                    h.getTotalCount(),
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getValueAtPercentile(99.9)),
                    ms(h.getMaxValue()));
        }

        public static double ms(long micros) {
            return micros / 1000.0;
        }

        /** Every request that was due got an answer, with a 2xx status, and none waited past the timeout. */
        public boolean clean() {
            long ok = statuses.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("2"))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            return ok == scheduled && timedOut == 0 && failed == 0 && notSent == 0;
        }
    }

    private final EventLoopGroup group;
    private final InetSocketAddress address;
    private final long timeoutNanos;
    private final Lane[] lanes;
    private volatile boolean closing;

    /**
     * Opens {@code connections} keep-alive connections spread over {@code ioThreads} lanes; returns when all are
     * connected.
     */
    public NettyLoadDriver(String host, int port, int connections, int ioThreads, Duration timeout)
            throws InterruptedException {
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
        this.address = new InetSocketAddress(host, port);
        this.timeoutNanos = timeout.toNanos();
        this.lanes = new Lane[ioThreads];
        for (int i = 0; i < ioThreads; i++) {
            lanes[i] = new Lane(group.next());
        }
        for (int c = 0; c < connections; c++) {
            lanes[c % ioThreads].connect().sync();
        }
        for (Lane lane : lanes) {
            lane.loop.scheduleAtFixedRate(lane::expire, 50, 50, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Sends {@code rate × length} requests on the schedule and returns when each has been answered, has failed, or
     * the run gave up on it ({@code timeout} after the last was due).
     */
    public Result run(Target target, int rate, Duration length) throws InterruptedException {
        long total = rate * length.toSeconds();
        double intervalNanos = 1e9 / rate;
        for (Lane lane : lanes) {
            call(lane, () -> lane.begin(target));
        }
        long start = System.nanoTime() + 10_000_000L;
        long issued = 0;
        int next = 0;
        long[][] batches = new long[lanes.length][];
        int[] fill = new int[lanes.length];
        while (issued < total) {
            long now = System.nanoTime();
            long due = now < start ? 0 : Math.min(total, (long) ((now - start) / intervalNanos) + 1);
            if (due > issued) {
                int n = (int) (due - issued);
                for (int l = 0; l < lanes.length; l++) {
                    batches[l] = new long[n / lanes.length + 1];
                    fill[l] = 0;
                }
                for (long i = issued; i < due; i++) {
                    batches[next][fill[next]++] = start + (long) (i * intervalNanos);
                    next = (next + 1) % lanes.length;
                }
                for (int l = 0; l < lanes.length; l++) {
                    if (fill[l] > 0) {
                        Lane lane = lanes[l];
                        long[] dues = batches[l];
                        int count = fill[l];
                        lane.loop.execute(() -> lane.due(dues, count));
                    }
                }
                issued = due;
            }
            long wait = start + (long) (issued * intervalNanos) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
        long giveUp = System.nanoTime() + timeoutNanos + 1_000_000_000L;
        while (System.nanoTime() < giveUp) {
            long open = 0;
            for (Lane lane : lanes) {
                open += call(lane, lane::open);
            }
            if (open == 0) {
                break;
            }
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram latency = histogram();
        Histogram sendDelay = histogram();
        Histogram service = histogram();
        Map<String, Long> statuses = new TreeMap<>();
        long answered = 0;
        long timedOut = 0;
        long failed = 0;
        long notSent = 0;
        long reconnects = 0;
        long maxQueued = 0;
        for (Lane lane : lanes) {
            Lane.Totals t = call(lane, lane::end);
            latency.add(t.latency());
            sendDelay.add(t.sendDelay());
            service.add(t.service());
            t.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum));
            answered += t.answered();
            timedOut += t.timedOut();
            failed += t.failed();
            notSent += t.notSent();
            reconnects += t.reconnects();
            maxQueued = Math.max(maxQueued, t.maxQueued());
        }
        return new Result(
                target.name(),
                rate,
                length,
                total,
                answered,
                timedOut,
                failed,
                notSent,
                statuses,
                latency,
                sendDelay,
                service,
                answered / seconds,
                reconnects,
                maxQueued);
    }

    @Override
    public void close() {
        closing = true;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    private static <T> T call(Lane lane, Callable<T> task) throws InterruptedException {
        try {
            return lane.loop.submit(task).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void call(Lane lane, Runnable task) throws InterruptedException {
        try {
            lane.loop.submit(task).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One request in flight on one connection. */
    private static final class Conn {
        final Channel channel;
        boolean busy;
        long due;
        long sent;
        String status;

        Conn(Channel channel) {
            this.channel = channel;
        }
    }

    /** A ring of due times (nanos) waiting for a free connection. */
    private static final class DueQueue {
        private long[] ring = new long[1024];
        private int head;
        private int size;

        void add(long due) {
            if (size == ring.length) {
                long[] bigger = new long[ring.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = ring[(head + i) % ring.length];
                }
                ring = bigger;
                head = 0;
            }
            ring[(head + size) % ring.length] = due;
            size++;
        }

        long poll() {
            long v = ring[head];
            head = (head + 1) % ring.length;
            size--;
            return v;
        }

        int size() {
            return size;
        }

        void clear() {
            head = 0;
            size = 0;
        }
    }

    /** One I/O thread's connections, queue and figures; touched only on its event loop. */
    private final class Lane {
        final EventLoop loop;
        final Bootstrap bootstrap;
        final List<Conn> all = new ArrayList<>();
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final DueQueue queued = new DueQueue();
        Target target;
        Histogram latency;
        Histogram sendDelay;
        Histogram service;
        Map<String, Long> statuses;
        long accepted;
        long answered;
        long timedOut;
        long failed;
        long reconnects;
        long maxQueued;
        boolean running;

        record Totals(
                Histogram latency,
                Histogram sendDelay,
                Histogram service,
                Map<String, Long> statuses,
                long answered,
                long timedOut,
                long failed,
                long notSent,
                long reconnects,
                long maxQueued) {}

        Lane(EventLoop loop) {
            this.loop = loop;
            this.bootstrap = new Bootstrap()
                    .group(loop)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpResponseDecoder());
                            ch.pipeline().addLast(new Answers(Lane.this));
                        }
                    });
        }

        ChannelFuture connect() {
            ChannelFuture f = bootstrap.connect(address);
            f.addListener(done -> {
                if (done.isSuccess()) {
                    Conn conn = new Conn(f.channel());
                    f.channel().attr(Answers.CONN).set(conn);
                    all.add(conn);
                    free(conn);
                } else if (!closing) {
                    if (running) {
                        failed++;
                    }
                    loop.schedule(this::connect, 100, TimeUnit.MILLISECONDS);
                }
            });
            return f;
        }

        void begin(Target t) {
            target = t;
            latency = histogram();
            sendDelay = histogram();
            service = histogram();
            statuses = new TreeMap<>();
            accepted = 0;
            answered = 0;
            timedOut = 0;
            failed = 0;
            reconnects = 0;
            maxQueued = 0;
            queued.clear();
            running = true;
        }

        void due(long[] dues, int count) {
            accepted += count;
            for (int i = 0; i < count; i++) {
                Conn conn = idle.pollFirst();
                if (conn != null) {
                    send(conn, dues[i]);
                } else {
                    queued.add(dues[i]);
                }
            }
            maxQueued = Math.max(maxQueued, queued.size());
        }

        long open() {
            return accepted - answered - timedOut - failed;
        }

        Totals end() {
            running = false;
            long notSent = queued.size();
            queued.clear();
            return new Totals(
                    latency, sendDelay, service, statuses, answered, timedOut, failed, notSent, reconnects, maxQueued);
        }

        void send(Conn conn, long due) {
            conn.busy = true;
            conn.due = due;
            conn.status = null;
            conn.sent = System.nanoTime();
            conn.channel.writeAndFlush(target.request(conn.channel.alloc()));
        }

        /** A connection is free: it takes the oldest queued request, else waits. */
        void free(Conn conn) {
            conn.busy = false;
            if (running && queued.size() > 0) {
                send(conn, queued.poll());
            } else {
                idle.addLast(conn);
            }
        }

        void answered(Conn conn, boolean close) {
            long done = System.nanoTime();
            if (running) {
                latency.recordValue(Math.min(HIGHEST_MICROS, (done - conn.due) / 1_000));
                sendDelay.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, conn.sent - conn.due) / 1_000));
                service.recordValue(Math.min(HIGHEST_MICROS, (done - conn.sent) / 1_000));
                statuses.merge(conn.status == null ? "none" : conn.status, 1L, Long::sum);
                answered++;
            }
            if (close) {
                conn.busy = false;
                conn.channel.close();
            } else {
                free(conn);
            }
        }

        /** The connection went away: a request on it failed unless it had timed out already. */
        void lost(Conn conn, boolean timedOutAlready) {
            all.remove(conn);
            idle.remove(conn);
            if (conn.busy && !timedOutAlready && running) {
                failed++;
                statuses.merge("connection lost", 1L, Long::sum);
            }
            conn.busy = false;
            if (!closing) {
                reconnects++;
                connect();
            }
        }

        /** Every 50 ms: a request older than the timeout counts as timed out and its connection is replaced. */
        void expire() {
            long now = System.nanoTime();
            for (Conn conn : List.copyOf(all)) {
                if (conn.busy && now - conn.sent > timeoutNanos) {
                    if (running) {
                        timedOut++;
                        statuses.merge("timeout", 1L, Long::sum);
                    }
                    conn.busy = false;
                    conn.channel.attr(Answers.TIMED_OUT).set(Boolean.TRUE);
                    conn.channel.close();
                }
            }
        }
    }

    /** Reads a connection's answers; one answer ends at its {@link LastHttpContent}. */
    private static final class Answers extends SimpleChannelInboundHandler<HttpObject> {
        static final AttributeKey<Conn> CONN = AttributeKey.valueOf("perpwatch.conn");
        static final AttributeKey<Boolean> TIMED_OUT = AttributeKey.valueOf("perpwatch.timedOut");

        private final Lane lane;
        private boolean close;

        Answers(Lane lane) {
            this.lane = lane;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            Conn conn = ctx.channel().attr(CONN).get();
            if (msg instanceof HttpResponse response) {
                conn.status = Integer.toString(response.status().code());
                close = response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
            }
            if (msg instanceof LastHttpContent && conn.busy) {
                lane.answered(conn, close);
                close = false;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Conn conn = ctx.channel().attr(CONN).get();
            if (conn != null) {
                lane.lost(
                        conn, Boolean.TRUE.equals(ctx.channel().attr(TIMED_OUT).get()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
