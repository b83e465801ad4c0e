package perpwatch.local.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.feeds.onchain.OracleDecoder;
import perpwatch.feeds.onchain.OraclePrice;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.velocity.DlobBook;
import perpwatch.feeds.velocity.DlobL2Answer;
import perpwatch.feeds.velocity.Outcome;
import perpwatch.local.market.synthetic.SyntheticMarket;
import perpwatch.local.sim.Simulators;
import perpwatch.local.sim.solana.VelocityPopulation;

/**
 * The local cloud's one Velocity market, read as the velocity-market task reads it: SOL-PERP's PythLazerOracle account
 * over the Solana node's JSON-RPC is the venue model's oracle, its posted slot on the node's own clock, and the DLOB's
 * {@code oracleData} is the same oracle.
 */
class VelocityOracleOnChainTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where Velocity's PythLazerOracle keeps conf: after price, publish_time, posted_slot, exponent and padding. */
    private static final int CONF_OFFSET = 40;

    private Simulators sims;
    private SyntheticMarket market;

    /** One oracle account read: what a client decodes, and the node's slot just after the read. */
    private record Read(OraclePrice oracle, long conf, long slotAfter) {}

    @BeforeEach
    void start() throws Exception {
        sims = Simulators.start();
        // A market stepped by hand, so a stalled oracle's price can be seen to stay while the mid moves.
        market = new SyntheticMarket(150, 21, System.currentTimeMillis());
        sims.velocity().market().follow(market::state);
    }

    @AfterEach
    void stop() {
        sims.close();
    }

    @Test
    void theOracleAccountIsTheModelsPricePostedASlotOrTwoBehindGetSlot() throws Exception {
        long before = getSlot();
        Read read = readOracle();
        long expected = Math.round(market.state().mid() * 1e6);
        assertEquals(expected, read.oracle().price());
        assertTrue(read.oracle().slot() >= before - 3, read.oracle().slot() + " vs getSlot " + before);
        assertTrue(read.oracle().slot() < read.slotAfter(), read.oracle().slot() + " vs getSlot " + read.slotAfter());
        // The account carries a realistic confidence: 2 bps of the price, in the price's raw units.
        assertEquals(read.oracle().price() * 100 / 5_000, read.conf());
        // Published when its slot began, in unix seconds.
        long nowSeconds = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(nowSeconds - read.oracle().publishTime()) <= 2, "publish time " + read.oracle());
    }

    @Test
    void aStalledOracleKeepsItsPriceAndPostedSlotWhileGetSlotMovesOn() throws Exception {
        sims.velocity().stallOracle(true);
        Read stalled = readOracle();
        long lagBefore = stalled.slotAfter() - stalled.oracle().slot();
        for (int i = 0; i < 50; i++) {
            market.step(400);
        }
        waitForSlot(stalled.slotAfter() + 3);
        Read later = readOracle();
        assertEquals(stalled.oracle().slot(), later.oracle().slot());
        assertEquals(stalled.oracle().price(), later.oracle().price());
        assertTrue(later.slotAfter() - later.oracle().slot() >= lagBefore + 3, "lag " + later);
        assertTrue(Math.round(market.state().mid() * 1e6) != later.oracle().price(), "the mid did not move");

        sims.velocity().stallOracle(false);
        Read live = readOracle();
        assertEquals(Math.round(market.state().mid() * 1e6), live.oracle().price());
        assertTrue(live.slotAfter() - live.oracle().slot() <= 3, "lag after the stall " + live);
    }

    @Test
    void delayedOraclesHoldTheModelsAccountBackToo() throws Exception {
        sims.solana().delayOracles(400);
        Read delayed = readOracle();
        assertTrue(delayed.slotAfter() - delayed.oracle().slot() >= 400, "lag " + delayed);
        sims.solana().delayOracles(0);
        Read live = readOracle();
        assertTrue(live.slotAfter() - live.oracle().slot() <= 3, "lag " + live);
    }

    @Test
    void theDlobsOracleDataIsTheAccountsOracle() throws Exception {
        // Live: read the account, publish, read the account again; when no slot passed in between, all three agree.
        for (int attempt = 0; ; attempt++) {
            Read first = readOracle();
            long slotBefore = getSlot();
            sims.velocity().dlob().publishNow();
            long slotAfter = getSlot();
            DlobBook book = l2();
            Read second = readOracle();
            // The DLOB's slot is the node's slot when it published.
            assertTrue(book.slot() >= slotBefore && book.slot() <= slotAfter, book.slot() + " vs " + slotBefore);
            if (first.oracle().slot() == second.oracle().slot() || attempt == 20) {
                assertEquals(first.oracle().slot(), second.oracle().slot(), "the slot moved on every attempt");
                assertSame(second, book);
                break;
            }
        }
        // Stalled: both copies are frozen at the same reading.
        sims.velocity().stallOracle(true);
        market.step(400);
        sims.velocity().dlob().publishNow();
        assertSame(readOracle(), l2());
    }

    @Test
    void theDriftV2ProfileKeepsItsPausedPopulationsOracles() throws Exception {
        try (Simulators drift = Simulators.start(ProgramProfile.DRIFT_V2)) {
            String pubkey = drift.solana().population().perpMarkets().get(0).oracle();
            byte[] expected = drift.solana()
                    .population()
                    .oracleAccount(pubkey, drift.solana().slot());
            JsonNode value = rpc(drift, "getMultipleAccounts", "[[\"" + pubkey + "\"],{\"encoding\":\"base64\"}]")
                    .path("value")
                    .path(0);
            byte[] served =
                    Base64.getDecoder().decode(value.path("data").path(0).asText());
            assertEquals(
                    ProgramProfile.DRIFT_V2
                            .decoders()
                            .oracle(OracleDecoder.PYTH_LAZER, expected)
                            .slot(),
                    ProgramProfile.DRIFT_V2
                            .decoders()
                            .oracle(OracleDecoder.PYTH_LAZER, served)
                            .slot());
        }
    }

    private static void assertSame(Read account, DlobBook book) {
        assertEquals(account.oracle().slot(), book.oracle().slot());
        assertEquals(
                0,
                BigDecimal.valueOf(account.oracle().price(), 6)
                        .compareTo(book.oracle().price()));
        assertEquals(
                0, BigDecimal.valueOf(account.conf(), 8).compareTo(book.oracle().confidence()), book.toString());
    }

    private Read readOracle() throws IOException, InterruptedException {
        String pubkey = ((VelocityPopulation) sims.solana().population()).solOracle();
        JsonNode value = rpc(sims, "getMultipleAccounts", "[[\"" + pubkey + "\"],{\"encoding\":\"base64\"}]")
                .path("value")
                .path(0);
        byte[] data = Base64.getDecoder().decode(value.path("data").path(0).asText());
        OraclePrice oracle = ProgramProfile.VELOCITY.decoders().oracle(OracleDecoder.PYTH_LAZER, data);
        long conf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(CONF_OFFSET);
        return new Read(oracle, conf, getSlot());
    }

    private long getSlot() throws IOException, InterruptedException {
        return rpc(sims, "getSlot", "[]").asLong();
    }

    private void waitForSlot(long slot) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (getSlot() < slot) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the node did not reach slot " + slot + " within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private DlobBook l2() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(sims.velocity().dlob().restBase() + "/l2?marketName=SOL-PERP&depth=5"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Outcome<DlobBook> outcome = new DlobL2Answer().parse(response.statusCode(), response.body());
        if (outcome instanceof Outcome.Accepted<DlobBook> a) {
            return a.value();
        }
        throw new AssertionError("l2: " + outcome);
    }

    private static JsonNode rpc(Simulators sims, String method, String params)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(sims.solana().url()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                                + "\",\"params\":" + params + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("result");
    }
}
