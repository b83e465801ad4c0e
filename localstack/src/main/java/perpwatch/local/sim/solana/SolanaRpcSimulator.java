package perpwatch.local.sim.solana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.onchain.Discriminators;
import perpwatch.feeds.solana.Base58;

/**
 * A Solana JSON-RPC node on 127.0.0.1 serving one {@link SimulatedProgram} (Velocity, or the paused Drift v2):
 * {@code getProgramAccounts} (streamed, chunked, memcmp/dataSize filters, {@code base64+zstd} or {@code base64},
 * {@code withContext}), {@code getMultipleAccounts}, {@code getAccountInfo} and {@code getSlot}, in the wire shapes of
 * a real node, at a slot that advances every 400 ms. Faults for clients' error paths: refuse zstd like an old node,
 * HTTP errors (429, 5xx) for the next N calls, a body cut off mid-way, oracles that stop being posted.
 */
public final class SolanaRpcSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SolanaRpcSimulator.class);
    private final HttpServer server;
    private final SimulatedProgram population;
    private final SlotClock clock;
    /** Oracle accounts another model posts (Velocity's SOL oracle follows its venue model), by pubkey. */
    private final Map<String, LongFunction<byte[]>> servedOracles = new ConcurrentHashMap<>();

    private volatile long oracleDelaySlots;
    private volatile BiFunction<String, byte[], byte[]> alter = (pubkey, data) -> data;
    private volatile boolean altered;
    /**
     * Each User's zstd frame, made on its first request: a node serves its accounts from memory, and generating and
     * compressing 200,000 accounts on every scan was four fifths of a local scan's CPU. About 300 bytes a User.
     * Racing requests may both fill a slot; they write the same bytes.
     */
    private final byte[][] userFrames;

    private final AtomicInteger corruptFrames = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean refuseZstd;
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus;
    private final AtomicInteger truncateNext = new AtomicInteger();
    private final AtomicInteger mutateNext = new AtomicInteger();
    private volatile UnaryOperator<String> mutator;
    private final AtomicLong calls = new AtomicLong();

    private SolanaRpcSimulator(SimulatedProgram population, SlotClock clock) throws IOException {
        this.population = population;
        this.clock = clock;
        this.userFrames = new byte[population.users()][];
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "solana-sim");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        // The Drift Data API's funding endpoint, on the same loopback server (the scan's optional enrichment).
        server.createContext("/fundingRates", this::fundingRates);
        server.start();
    }

    /** On a slot clock of its own, from {@link SlotClock#FIRST_SLOT} now. */
    public static SolanaRpcSimulator start(SimulatedProgram population) throws IOException {
        return start(population, new SlotClock(System::currentTimeMillis));
    }

    /** On {@code clock}, which other simulators may share (Velocity's venue model does in the local cloud). */
    public static SolanaRpcSimulator start(SimulatedProgram population, SlotClock clock) throws IOException {
        SolanaRpcSimulator sim = new SolanaRpcSimulator(population, clock);
        LOG.info(
                "solana rpc simulator on {} ({} program {}, {} users)",
                sim.url(),
                population.profile(),
                population.programId(),
                population.users());
        return sim;
    }

    /** The population for a profile name: {@code velocity} (live) or {@code drift-v2} (paused since the drain). */
    public static SimulatedProgram population(String profile, int users) {
        return switch (profile) {
            case "velocity" -> new VelocityPopulation(users, 1, 150_000_000L);
            case "drift-v2" -> new DriftPopulation(users, 1, 150_000_000L);
            default -> throw new IllegalArgumentException("no simulated program for profile '" + profile + "'");
        };
    }

    /** The node's current slot. */
    public long slot() {
        return clock.slot();
    }

    public SlotClock clock() {
        return clock;
    }

    /**
     * From now on the oracle account at {@code pubkey} is {@code account}'s bytes instead of the population's. It is
     * given the slot the node posts oracles up to (its slot, less any {@link #delayOracles} delay), so a delay still
     * holds the account back; {@link #alterAccounts} still applies.
     */
    public void serveOracle(String pubkey, LongFunction<byte[]> account) {
        servedOracles.put(pubkey, account);
    }

    /**
     * Every account served from now on goes through {@code alter} (pubkey, bytes → bytes): accounts grown or cut
     * short, an oracle with a corrupt exponent, an unreadable State.
     */
    public void alterAccounts(BiFunction<String, byte[], byte[]> alter) {
        this.alter = alter;
        this.altered = true;
    }

    /** The next {@code accounts} accounts served as {@code base64+zstd} carry a corrupt zstd frame. */
    public void corruptZstdFrames(int accounts) {
        corruptFrames.set(accounts);
    }

    /** From now on, oracles are posted {@code slots} behind the node's slot: a feed that stopped being pushed. */
    public void delayOracles(long slots) {
        this.oracleDelaySlots = slots;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public SimulatedProgram population() {
        return population;
    }

    public long calls() {
        return calls.get();
    }

    /** Answer base64+zstd requests with the node's "unsupported encoding" error. */
    public void refuseZstd(boolean refuse) {
        this.refuseZstd = refuse;
    }

    /** The next {@code times} calls get HTTP {@code status}. */
    public void failNext(int times, int status) {
        failStatus = status;
        failNext.set(times);
    }

    /** The next {@code times} getProgramAccounts bodies stop half-way, as a dropped connection does. */
    public void truncateNext(int times) {
        truncateNext.set(times);
    }

    /** The next {@code times} answers go through {@code mutator} first (the whole body, as text): bad-input runs. */
    public void mutateNext(int times, UnaryOperator<String> mutator) {
        this.mutator = mutator;
        mutateNext.set(times);
    }

    private UnaryOperator<String> mutation() {
        return mutateNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? mutator : null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        try (exchange) {
            JsonNode request = json.readTree(exchange.getRequestBody());
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(
                        exchange,
                        failStatus,
                        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + failStatus + ",\"message\":\"simulated "
                                + failStatus + "\"},\"id\":1}");
                return;
            }
            String method = request.path("method").asText();
            JsonNode params = request.path("params");
            long id = request.path("id").asLong();
            switch (method) {
                case "getProgramAccounts":
                    programAccounts(exchange, id, params);
                    break;
                case "getMultipleAccounts":
                    multipleAccounts(exchange, id, params);
                    break;
                case "getAccountInfo":
                    accountInfo(exchange, id, params);
                    break;
                case "getSlot":
                    respondMutable(exchange, "{\"jsonrpc\":\"2.0\",\"result\":" + clock.slot() + ",\"id\":" + id + "}");
                    break;
                default:
                    respond(exchange, 200, error(id, -32601, "Method not found"));
            }
        } catch (IOException e) {
            LOG.debug("solana sim: client went away: {}", e.getMessage());
        }
    }

    private void fundingRates(HttpExchange exchange) throws IOException {
        try (exchange) {
            long ts = System.currentTimeMillis() / 1000;
            String rate = "{\"txSig\":\"sim\",\"slot\":" + clock.slot() + ",\"ts\":\"" + ts
                    + "\",\"recordId\":\"1\",\"marketIndex\":0,"
                    + "\"fundingRate\":\"1500000\",\"cumulativeFundingRateLong\":\"2000000000000\","
                    + "\"cumulativeFundingRateShort\":\"1990000000000\","
                    + "\"oraclePriceTwap\":\"" + population.solPrice() + "\",\"markPriceTwap\":\""
                    + population.solPrice() + "\"}";
            respond(exchange, 200, "{\"fundingRates\":[" + rate + "]}");
        }
    }

    private void programAccounts(HttpExchange exchange, long id, JsonNode params) throws IOException {
        JsonNode options = params.path(1);
        String encoding = options.path("encoding").asText("base64");
        if (encoding.equals("base64+zstd") && refuseZstd) {
            respond(
                    exchange,
                    200,
                    error(
                            id,
                            -32602,
                            "Invalid params: unsupported encoding: base64+zstd. Expected one of: binary, base58, "
                                    + "base64, jsonParsed"));
            return;
        }
        if (!encoding.equals("base64") && !encoding.equals("base64+zstd")) {
            respond(exchange, 200, error(id, -32602, "Invalid params: encoding " + encoding + " not supported here"));
            return;
        }
        byte[] discriminator = null;
        int dataSize = -1;
        for (JsonNode f : options.path("filters")) {
            if (f.has("memcmp") && f.get("memcmp").path("offset").asInt() == 0) {
                discriminator = Base58.decode(f.get("memcmp").path("bytes").asText());
            } else if (f.has("dataSize")) {
                dataSize = f.get("dataSize").asInt();
            }
        }
        int count;
        IntFunction<byte[]> account;
        IntFunction<String> pubkey;
        if (!population.programId().equals(params.path(0).asText())) {
            // Another program: this node holds none of its accounts.
            count = 0;
            account = i -> new byte[0];
            pubkey = i -> "";
        } else if (Arrays.equals(discriminator, Discriminators.USER)) {
            count = population.users();
            account = population::userAccount;
            pubkey = population::userPubkey;
        } else if (Arrays.equals(discriminator, Discriminators.PERP_MARKET)) {
            var markets = population.perpMarkets();
            count = markets.size();
            account = i -> population.perpMarketAccount(markets.get(i));
            pubkey = i -> markets.get(i).pubkey();
        } else if (Arrays.equals(discriminator, Discriminators.SPOT_MARKET)) {
            var markets = population.spotMarkets();
            count = markets.size();
            account = i -> population.spotMarketAccount(markets.get(i));
            pubkey = i -> markets.get(i).pubkey();
        } else if (Arrays.equals(discriminator, Discriminators.STATE)) {
            count = 1;
            account = i -> population.stateAccount();
            pubkey = i -> population.statePubkey();
        } else {
            count = 0;
            account = i -> new byte[0];
            pubkey = i -> "";
        }
        int size = dataSize;
        boolean userAccounts = Arrays.equals(discriminator, Discriminators.USER);
        boolean truncate = truncateNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        boolean zstd = encoding.equals("base64+zstd");
        boolean withContext = options.path("withContext").asBoolean(false);
        UnaryOperator<String> mutate = mutation();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        if (mutate == null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
        }
        ZstdCompressor compressor = new ZstdCompressor();
        OutputStream out = mutate == null ? new BufferedOutputStream(exchange.getResponseBody(), 1 << 16) : whole;
        write(
                out,
                "{\"jsonrpc\":\"2.0\",\"result\":"
                        + (withContext
                                ? "{\"context\":{\"apiVersion\":\"2.2.0\",\"slot\":" + clock.slot() + "},\"value\":["
                                : "["));
        int written = 0;
        for (int i = 0; i < count; i++) {
            if (truncate && i == count / 2) {
                out.flush();
                return; // the exchange closes: the client sees a body that ends mid-array
            }
            byte[] cached = zstd && userAccounts && !altered ? userFrames[i] : null;
            byte[] data = cached != null && size < 0 ? null : alter.apply(pubkey.apply(i), account.apply(i));
            if (data != null && size >= 0 && data.length != size) {
                continue; // the dataSize filter: a real node leaves such accounts out
            }
            byte[] wire = cached != null ? cached : zstd ? compress(compressor, data) : data;
            if (zstd && userAccounts && !altered && cached == null) {
                userFrames[i] = wire;
            }
            int space = data != null ? data.length : population.userSize(i);
            if (zstd && userAccounts && corruptFrames.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // Keep the frame's magic number, scramble the rest: it still claims to be zstd.
                wire = wire.clone();
                for (int k = 4; k < wire.length; k++) {
                    wire[k] = (byte) (wire[k] * 31 + k);
                }
            }
            String text = Base64.getEncoder().encodeToString(wire);
            write(
                    out,
                    (written++ == 0 ? "" : ",") + "{\"account\":{\"data\":[\"" + text + "\",\"" + encoding
                            + "\"],\"executable\":false,"
                            + "\"lamports\":31084080,\"owner\":\"" + population.programId()
                            + "\",\"rentEpoch\":18446744073709551615,\"space\":"
                            + space + "},\"pubkey\":\"" + pubkey.apply(i) + "\"}");
        }
        write(out, (withContext ? "]}" : "]") + ",\"id\":" + id + "}");
        out.flush();
        if (mutate != null) {
            respond(exchange, 200, mutate.apply(whole.toString(StandardCharsets.UTF_8)));
        }
    }

    private void multipleAccounts(HttpExchange exchange, long id, JsonNode params) throws IOException {
        StringBuilder body =
                new StringBuilder("{\"jsonrpc\":\"2.0\",\"result\":{\"context\":{\"apiVersion\":\"2.2.0\",\"slot\":"
                        + clock.slot() + "},\"value\":[");
        JsonNode keys = params.path(0);
        for (int i = 0; i < keys.size(); i++) {
            body.append(i == 0 ? "" : ",").append(accountJson(keys.get(i).asText()));
        }
        respondMutable(
                exchange, body.append("]},\"id\":").append(id).append('}').toString());
    }

    private void accountInfo(HttpExchange exchange, long id, JsonNode params) throws IOException {
        respondMutable(
                exchange,
                "{\"jsonrpc\":\"2.0\",\"result\":{\"context\":{\"apiVersion\":\"2.2.0\",\"slot\":" + clock.slot()
                        + "},\"value\":" + accountJson(params.path(0).asText()) + "},\"id\":" + id + "}");
    }

    private String accountJson(String pubkey) {
        long postedUpTo = clock.slot() - oracleDelaySlots;
        LongFunction<byte[]> served = servedOracles.get(pubkey);
        byte[] data = served != null ? served.apply(postedUpTo) : population.oracleAccount(pubkey, postedUpTo);
        if (data == null) {
            return "null";
        }
        data = alter.apply(pubkey, data);
        return "{\"data\":[\"" + Base64.getEncoder().encodeToString(data)
                + "\",\"base64\"],\"executable\":false,\"lamports\":1,"
                + "\"owner\":\"pythWSnswVUd12oZpeFP8e9CVaEqJg25g1Vtc2biRsT\",\"rentEpoch\":0,\"space\":" + data.length
                + "}";
    }

    private static byte[] compress(ZstdCompressor compressor, byte[] data) {
        byte[] out = new byte[compressor.maxCompressedLength(data.length)];
        int n = compressor.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    private static String error(long id, int code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"},\"id\":" + id
                + "}";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void respondMutable(HttpExchange exchange, String body) throws IOException {
        UnaryOperator<String> mutate = mutation();
        respond(exchange, 200, mutate == null ? body : mutate.apply(body));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
