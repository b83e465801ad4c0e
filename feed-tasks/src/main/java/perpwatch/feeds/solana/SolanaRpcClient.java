package perpwatch.feeds.solana;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Redactor;
import perpwatch.core.config.SafeUrl;

/**
 * Solana JSON-RPC over plain HTTP. {@code getProgramAccounts} is read as a stream — a Drift scan answers with
 * hundreds of thousands of accounts, so the body is never held as one tree — and asks for {@code base64+zstd}
 * (User accounts are mostly zeros and shrink ~15×), falling back to {@code base64} for a node that refuses it.
 * 429s, 5xx, timeouts and cut-off bodies are retried with doubling pauses; an account whose data cannot be decoded
 * is counted and skipped.
 */
public final class SolanaRpcClient {
    public static final int MAX_KEYS_PER_CALL = 100;
    static final String ZSTD = "base64+zstd";
    static final String BASE64 = "base64";
    private static final Logger LOG = LoggerFactory.getLogger(SolanaRpcClient.class);
    private static final int INVALID_PARAMS = -32602;

    private final SolanaRpcConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonFactory factory = json.getFactory();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean zstdRefused;

    public SolanaRpcClient(SolanaRpcConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Requests retried so far (429, 5xx, timeouts, truncated bodies). */
    public long retries() {
        return retries.get();
    }

    /**
     * Every account of {@code programId} that passes {@code filters}, into {@code sink}. {@code maxDataSize} bounds
     * a decompressed account (a hostile node cannot make us allocate more).
     */
    public ProgramAccountsScan getProgramAccounts(
            String programId, List<RpcFilter> filters, int maxDataSize, AccountSink sink) {
        int attempt = 0;
        while (true) {
            attempt++;
            String encoding = zstdRefused ? BASE64 : ZSTD;
            sink.restart();
            try {
                return streamProgramAccounts(programId, filters, encoding, maxDataSize, sink, attempt);
            } catch (SolanaRpcException e) {
                if (encoding.equals(ZSTD) && refusesEncoding(e)) {
                    zstdRefused = true;
                    attempt--;
                    LOG.warn(
                            "{} refuses {}: falling back to {} ({})",
                            SafeUrl.of(config.endpoint()),
                            ZSTD,
                            BASE64,
                            Redactor.message(e));
                    continue;
                }
                pauseOrThrow("getProgramAccounts", e, attempt);
            }
        }
    }

    /** Account data by public key, {@value #MAX_KEYS_PER_CALL} keys per call; keys with no account are absent. */
    public Map<String, byte[]> getMultipleAccounts(List<String> pubkeys) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (int from = 0; from < pubkeys.size(); from += MAX_KEYS_PER_CALL) {
            List<String> chunk = pubkeys.subList(from, Math.min(pubkeys.size(), from + MAX_KEYS_PER_CALL));
            found.putAll(call(
                    "getMultipleAccounts",
                    List.of(chunk, Map.of("encoding", BASE64, "commitment", "confirmed")),
                    result -> {
                        Map<String, byte[]> accounts = new LinkedHashMap<>();
                        JsonNode value = result.path("value");
                        for (int i = 0; i < chunk.size(); i++) {
                            JsonNode account = value.path(i);
                            if (account.isObject()) {
                                accounts.put(chunk.get(i), base64Account(chunk.get(i), account));
                            }
                        }
                        return accounts;
                    }));
        }
        return found;
    }

    /**
     * The node's current slot ({@code getSlot}, confirmed): what an oracle's posted slot is measured against. A
     * non-numeric answer is refused, never read as slot 0.
     */
    public long getSlot() {
        return call("getSlot", List.of(Map.of("commitment", "confirmed")), result -> {
            if (!result.canConvertToLong() || result.asLong() <= 0) {
                throw new SolanaRpcException(
                        "getSlot: not a slot: " + result, SolanaRpcException.UNREADABLE_BODY, true, null);
            }
            return result.asLong();
        });
    }

    /** Found by the hardening harness: a corrupt answer once escaped as IllegalArgumentException and broke a scan. */
    private static byte[] base64Account(String pubkey, JsonNode account) {
        try {
            return Base64.getDecoder().decode(account.path("data").path(0).asText());
        } catch (IllegalArgumentException e) {
            throw new SolanaRpcException(
                    "getMultipleAccounts: data of " + pubkey + " is not base64: " + e.getMessage(), 0, true, e);
        }
    }

    /** One JSON-RPC call with a small answer, retried; returns its {@code result}. */
    JsonNode call(String method, List<Object> params) {
        return call(method, params, result -> result);
    }

    /** As {@link #call(String, List)}, with reading the result inside the retry: a corrupt answer is asked again. */
    <T> T call(String method, List<Object> params, Function<JsonNode, T> read) {
        int attempt = 0;
        while (true) {
            attempt++;
            try (InputStream body = post(method, params)) {
                JsonNode reply = json.readTree(body);
                if (reply.has("error")) {
                    throw rpcError(method, reply.get("error"));
                }
                return read.apply(reply.path("result"));
            } catch (SolanaRpcException e) {
                pauseOrThrow(method, e, attempt);
            } catch (JsonProcessingException e) {
                pauseOrThrow(
                        method,
                        new SolanaRpcException(
                                method + ": unreadable answer: " + e.getOriginalMessage(),
                                SolanaRpcException.UNREADABLE_BODY,
                                true,
                                e),
                        attempt);
            } catch (IOException e) {
                pauseOrThrow(method, new SolanaRpcException(method + ": " + describe(e), 0, true, e), attempt);
            }
        }
    }

    private ProgramAccountsScan streamProgramAccounts(
            String programId,
            List<RpcFilter> filters,
            String encoding,
            int maxDataSize,
            AccountSink sink,
            int attempt) {
        List<Object> filterJson = new ArrayList<>();
        filters.forEach(f -> filterJson.add(f.json()));
        Map<String, Object> options =
                Map.of("encoding", encoding, "filters", filterJson, "withContext", true, "commitment", "confirmed");
        long[] counts = new long[3]; // slot, delivered, undecodable
        boolean answered = false;
        ZstdDecompressor zstd = new ZstdDecompressor();
        try (InputStream body = post("getProgramAccounts", List.of(programId, options));
                JsonParser p = factory.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("error")) {
                    throw rpcError("getProgramAccounts", json.<JsonNode>readTree(p));
                } else if (field.equals("result")) {
                    answered = true;
                    readResult(p, encoding, maxDataSize, zstd, sink, counts);
                } else {
                    p.skipChildren();
                }
            }
            if (!answered) {
                // A reply with neither result nor error is not "no accounts": reading it as zero would publish an empty
                // map.
                throw new SolanaRpcException(
                        "getProgramAccounts: the answer has no result", SolanaRpcException.NO_RESULT, true, null);
            }
            return new ProgramAccountsScan(counts[0], counts[1], counts[2], encoding, attempt);
        } catch (JsonProcessingException e) {
            // Includes a body cut off mid-way: what the sink got so far is dropped by the next attempt's restart().
            throw new SolanaRpcException(
                    "getProgramAccounts: unreadable or cut-off answer after " + counts[1] + " accounts: "
                            + e.getOriginalMessage(),
                    SolanaRpcException.UNREADABLE_BODY,
                    true,
                    e);
        } catch (IOException e) {
            throw new SolanaRpcException("getProgramAccounts: " + describe(e), 0, true, e);
        }
    }

    private void readResult(
            JsonParser p, String encoding, int maxDataSize, ZstdDecompressor zstd, AccountSink sink, long[] counts)
            throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            readAccounts(p, encoding, maxDataSize, zstd, sink, counts);
            return;
        }
        expect(p.currentToken(), JsonToken.START_OBJECT, p);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("context")) {
                counts[0] = json.<JsonNode>readTree(p).path("slot").asLong();
            } else if (field.equals("value")) {
                expect(p.currentToken(), JsonToken.START_ARRAY, p);
                readAccounts(p, encoding, maxDataSize, zstd, sink, counts);
            } else {
                p.skipChildren();
            }
        }
    }

    private void readAccounts(
            JsonParser p, String encoding, int maxDataSize, ZstdDecompressor zstd, AccountSink sink, long[] counts)
            throws IOException {
        byte[] scratch = new byte[maxDataSize];
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String pubkey = null;
            String data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("pubkey")) {
                    pubkey = p.getText();
                } else if (field.equals("account")) {
                    data = readAccountData(p);
                } else {
                    p.skipChildren();
                }
            }
            byte[] bytes = pubkey == null || data == null ? null : decode(data, encoding, scratch, zstd);
            if (bytes == null) {
                counts[2]++;
            } else {
                counts[1]++;
                sink.accept(pubkey, bytes);
            }
        }
        expect(p.currentToken(), JsonToken.END_ARRAY, p);
    }

    /** {@code account.data}: {@code ["<text>", "<encoding>"]}. */
    private static String readAccountData(JsonParser p) throws IOException {
        String data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("data") && t == JsonToken.START_ARRAY) {
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                    data = p.getText();
                }
                while (p.currentToken() != JsonToken.END_ARRAY) {
                    p.nextToken();
                }
            } else {
                p.skipChildren();
            }
        }
        return data;
    }

    /**
     * One account's data, or null when it cannot be decoded (counted by the caller). {@code scratch} holds
     * {@code maxDataSize} bytes and is reused for every account of a scan: only the exact-size copy is allocated.
     */
    private static byte[] decode(String text, String encoding, byte[] scratch, ZstdDecompressor zstd) {
        try {
            byte[] raw = Base64.getDecoder().decode(text);
            if (!encoding.equals(ZSTD)) {
                return raw.length <= scratch.length ? raw : null;
            }
            int n = zstd.decompress(raw, 0, raw.length, scratch, 0, scratch.length);
            return Arrays.copyOf(scratch, n);
        } catch (IllegalArgumentException | MalformedInputException e) {
            return null;
        } catch (RuntimeException e) {
            // The decompressor meets bytes a hostile or broken node chose: whatever it throws on them (index errors
            // on a forged frame header) is one undecodable account, never a crashed scan.
            return null;
        }
    }

    private InputStream post(String method, List<Object> params) throws SolanaRpcException {
        Map<String, Object> request =
                Map.of("jsonrpc", "2.0", "id", ids.incrementAndGet(), "method", method, "params", params);
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(config.endpoint())
                            .timeout(config.timeout())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SolanaRpcException(method + ": " + describe(e), 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SolanaRpcException(method + ": interrupted", 0, false, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readNBytes(300), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
            throw new SolanaRpcException(
                    method + ": HTTP " + status + " " + text.strip(), status, status == 429 || status >= 500, null);
        }
        return response.body();
    }

    private static SolanaRpcException rpcError(String method, JsonNode error) {
        int code = error.path("code").asInt();
        // -32005: node behind; -32429 / 429: rate limited — worth another try. Anything else is our request's fault.
        boolean retryable = code == -32005 || code == -32429 || code == 429;
        return new SolanaRpcException(
                method + ": RPC error " + code + " " + error.path("message").asText(), code, retryable, null);
    }

    private static boolean refusesEncoding(SolanaRpcException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e.code() == INVALID_PARAMS || message.contains("zstd") || message.contains("encoding");
    }

    private void pauseOrThrow(String method, SolanaRpcException e, int attempt) {
        if (!e.retryable() || attempt >= config.attempts()) {
            throw e;
        }
        long pause = config.backoff().toMillis() << (attempt - 1);
        retries.incrementAndGet();
        LOG.warn(
                "{} failed (try {} of {}), again in {} ms: {}",
                method,
                attempt,
                config.attempts(),
                pause,
                Redactor.message(e));
        try {
            Thread.sleep(pause);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** A transport failure as text: the JDK client's messages can quote the request URL, key and all. */
    private static String describe(IOException e) {
        return Redactor.redact(e.toString());
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws JsonProcessingException {
        if (actual != expected) {
            throw new JsonParseException(p, "expected " + expected + ", found " + actual);
        }
    }
}
