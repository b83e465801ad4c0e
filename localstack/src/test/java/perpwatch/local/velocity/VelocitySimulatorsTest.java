package perpwatch.local.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.SettledFunding;
import perpwatch.feeds.velocity.DlobBook;
import perpwatch.feeds.velocity.DlobBookCheck;
import perpwatch.feeds.velocity.DlobFrame;
import perpwatch.feeds.velocity.DlobFrameParser;
import perpwatch.feeds.velocity.DlobL2Answer;
import perpwatch.feeds.velocity.FundingRatesAnswer;
import perpwatch.feeds.velocity.Outcome;
import perpwatch.feeds.velocity.Rejection;
import perpwatch.local.market.synthetic.SyntheticMarket;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.velocity.VelocityDataApiSimulator;
import perpwatch.local.sim.velocity.VelocityDlobSimulator;
import perpwatch.local.sim.velocity.VelocityVenueModel;

/** The Velocity simulators on 127.0.0.1, read over real HTTP and a real WebSocket by the feed's own parsers. */
class VelocitySimulatorsTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SyntheticMarket market;
    private VelocityVenueModel model;
    private VelocityDlobSimulator dlob;
    private VelocityDataApiSimulator data;

    @BeforeEach
    void start() throws Exception {
        long now = System.currentTimeMillis();
        market = new SyntheticMarket(150, 21, now);
        model = new VelocityVenueModel(now, 318_000_000L);
        dlob = VelocityDlobSimulator.start(market::state, model, Duration.ofMillis(100), Duration.ofMillis(250));
        data = VelocityDataApiSimulator.start(market::state, model, 24);
    }

    @AfterEach
    void stop() {
        dlob.close();
        data.close();
    }

    @Test
    void theL2AnswerParsesIntoThePublishedBookFields() throws Exception {
        market.step(400);
        dlob.publishNow();
        HttpResponse<String> response = get(dlob.restBase() + "/l2?marketName=SOL-PERP&depth=5&includeVamm=true");
        DlobBook book = accepted(new DlobL2Answer().parse(response.statusCode(), response.body()));
        assertEquals("SOL-PERP", book.marketName());
        assertEquals(5, book.bids().size());
        assertEquals(5, book.asks().size());
        BookTop top = accepted(new DlobBookCheck(10).accept(book, System.currentTimeMillis()));
        assertTrue(top.bidPrice().compareTo(top.askPrice()) < 0);
        // Best levels sit 1.5 bps either side of the mark, on a 0.0001 tick: about 3 bps.
        assertTrue(
                top.spreadBps().compareTo(new BigDecimal("2.9")) > 0,
                top.spreadBps().toString());
        assertTrue(
                top.spreadBps().compareTo(new BigDecimal("3.2")) < 0,
                top.spreadBps().toString());
        assertTrue(top.depthBidUsd().signum() > 0 && top.depthAskUsd().signum() > 0);
    }

    @Test
    void httpFaultsComeBackAsTypedRejections() throws Exception {
        DlobL2Answer answer = new DlobL2Answer();
        HttpResponse<String> unknown = get(dlob.restBase() + "/l2?marketName=NOPE-PERP&depth=5");
        assertEquals(400, unknown.statusCode());
        assertEquals(Rejection.HTTP_ERROR, rejection(answer.parse(unknown.statusCode(), unknown.body())));

        dlob.rest().failNext(VelocityDlobSimulator.L2, 1, new SimRestServer.Reply(429, "Too Many Requests"));
        HttpResponse<String> limited = get(dlob.restBase() + "/l2?marketName=SOL-PERP");
        assertEquals(Rejection.RATE_LIMITED, rejection(answer.parse(limited.statusCode(), limited.body())));

        dlob.rest().failNext(VelocityDlobSimulator.L2, 1, new SimRestServer.Reply(200, "<html>502</html>"));
        HttpResponse<String> page = get(dlob.restBase() + "/l2?marketName=SOL-PERP");
        assertEquals(Rejection.NOT_JSON, rejection(answer.parse(page.statusCode(), page.body())));

        data.rest().failNext(VelocityDataApiSimulator.FUNDING_RATES, 1, new SimRestServer.Reply(429, ""));
        HttpResponse<String> fundingLimited = get(data.restBase() + "/fundingRates?marketName=SOL-PERP");
        assertEquals(
                Rejection.RATE_LIMITED,
                rejection(new FundingRatesAnswer()
                        .parse(fundingLimited.statusCode(), fundingLimited.body(), "SOL-PERP", 0)));
    }

    @Test
    void theWebSocketAcksPushesBooksInSlotOrderAndBeats() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = connect(frames);
        socket.sendText(subscribe("SOL-PERP"), true).get(5, TimeUnit.SECONDS);
        DlobFrameParser parser = new DlobFrameParser();
        DlobBookCheck check = new DlobBookCheck(10);
        // Heartbeats run on the server's own timer, so one may come before the ack.
        boolean heartbeat = false;
        DlobFrame first = accepted(parser.parse(next(frames)));
        while (first instanceof DlobFrame.Heartbeat) {
            heartbeat = true;
            first = accepted(parser.parse(next(frames)));
        }
        assertInstanceOf(DlobFrame.SubscribeAck.class, first);
        int books = 0;
        long deadline = System.currentTimeMillis() + 5_000;
        while ((books < 5 || !heartbeat) && System.currentTimeMillis() < deadline) {
            market.step(400);
            DlobFrame frame = accepted(parser.parse(next(frames)));
            if (frame instanceof DlobFrame.Orderbook push) {
                assertEquals("orderbook_perp_0_grouped_1", push.channel());
                accepted(check.accept(push.book(), System.currentTimeMillis()));
                books++;
            } else if (frame instanceof DlobFrame.Heartbeat) {
                heartbeat = true;
            }
        }
        assertTrue(books >= 5, "book pushes: " + books);
        assertTrue(heartbeat, "no heartbeat");

        socket.sendText(subscribe("NOPE-PERP"), true).get(5, TimeUnit.SECONDS);
        boolean refused = false;
        for (int i = 0; i < 50 && !refused; i++) {
            refused = accepted(parser.parse(next(frames))) instanceof DlobFrame.VenueError;
        }
        assertTrue(refused, "no error frame for an unknown market");
        socket.abort();
    }

    @Test
    void aStalledOracleKeepsItsSlotWhileTheBookMovesOn() throws Exception {
        market.step(400);
        model.stallOracle(true, market.state());
        dlob.publishNow();
        DlobBook before = book();
        for (int i = 0; i < 25; i++) {
            market.step(400);
        }
        dlob.publishNow();
        DlobBook after = book();
        assertEquals(before.oracle().slot(), after.oracle().slot());
        assertEquals(before.oracle().price(), after.oracle().price());
        assertTrue(
                after.slot() - after.oracle().slot() >= 25,
                after.slot() + " vs " + after.oracle().slot());

        model.stallOracle(false, market.state());
        dlob.publishNow();
        DlobBook live = book();
        assertTrue(live.slot() - live.oracle().slot() <= 2);
    }

    @Test
    void aDriftingMarkMovesAwayFromTheOracle() throws Exception {
        model.driftMark(50);
        for (int i = 0; i < 25; i++) {
            market.step(400);
        }
        dlob.publishNow();
        DlobBook book = book();
        BigDecimal gapBps = book.markPrice()
                .subtract(book.oracle().price())
                .divide(book.oracle().price(), MathContext.DECIMAL64)
                .movePointRight(4);
        assertTrue(gapBps.compareTo(new BigDecimal("400")) > 0, "mark-oracle gap " + gapBps + " bps");

        model.driftMark(0);
        dlob.publishNow();
        DlobBook back = book();
        BigDecimal gap = back.markPrice().subtract(back.oracle().price()).abs();
        assertTrue(gap.compareTo(back.oracle().price().movePointLeft(3)) < 0, "gap " + gap);
    }

    @Test
    void fundingRatesGiveTheLastHourlySettlementWithItsInterval() throws Exception {
        HttpResponse<String> response = get(data.restBase() + "/fundingRates?marketName=SOL-PERP");
        SettledFunding funding =
                accepted(new FundingRatesAnswer().parse(response.statusCode(), response.body(), "SOL-PERP", 0));
        assertEquals(1, funding.fundingIntervalH());
        // The synthetic market starts at 0.01 % per 8 h: 0.00125 % per hourly settlement.
        assertEquals(
                0, new BigDecimal("0.0000125").compareTo(funding.fundingRate().round(new MathContext(3))));
        assertEquals(
                0, new BigDecimal("0.0001").compareTo(funding.fundingRate8h().round(new MathContext(3))));

        HttpResponse<String> unknown = get(data.restBase() + "/fundingRates?marketName=NOPE-PERP");
        assertEquals(
                Rejection.HTTP_ERROR,
                rejection(new FundingRatesAnswer().parse(unknown.statusCode(), unknown.body(), "NOPE-PERP", 0)));
    }

    private static String subscribe(String market) {
        return "{\"type\":\"subscribe\",\"channel\":\"orderbook\",\"market\":\"" + market
                + "\",\"marketType\":\"perp\"}";
    }

    private DlobBook book() throws IOException, InterruptedException {
        HttpResponse<String> response = get(dlob.restBase() + "/l2?marketName=SOL-PERP&depth=10&includeVamm=true");
        DlobBook book = accepted(new DlobL2Answer().parse(response.statusCode(), response.body()));
        assertNotNull(book.oracle());
        assertNotNull(book.markPrice());
        return book;
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private WebSocket connect(BlockingQueue<String> frames) throws Exception {
        return HTTP.newWebSocketBuilder()
                .buildAsync(URI.create(dlob.wsUrl()), new WebSocket.Listener() {
                    private final List<CharSequence> parts = new ArrayList<>();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        parts.add(data);
                        if (last) {
                            frames.add(String.join("", parts));
                            parts.clear();
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(5, TimeUnit.SECONDS);
    }

    private static String next(BlockingQueue<String> frames) throws InterruptedException {
        String frame = frames.poll(5, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame within 5 s");
        return frame;
    }

    private static <T> T accepted(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Accepted<T> a) {
            return a.value();
        }
        throw new AssertionError("expected a value, got " + outcome);
    }

    private static Rejection rejection(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Rejected<?> r) {
            return r.reason();
        }
        throw new AssertionError("expected a rejection, got " + outcome);
    }
}
