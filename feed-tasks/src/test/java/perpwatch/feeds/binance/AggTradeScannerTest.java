package perpwatch.feeds.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import perpwatch.core.fuzz.FrameMutator;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * The scanner against the Jackson reader it stands in for: on every recorded frame, on mutants of them and on
 * generated frames, {@link BinanceAggTradeParser#parse} gives exactly what the Jackson reader alone gives (the same
 * frame, or the same error), and the recorded frames really take the fast way.
 */
class AggTradeScannerTest {
    private final BinanceAggTradeParser parser = new BinanceAggTradeParser();

    @Test
    void recordedFramesTakeTheFastWayAndAgreeWithJackson() throws Exception {
        List<String> frames = new ArrayList<>(Fixtures.lines("binance/aggTrade_SUSHIUSDT_combined.jsonl"));
        frames.add(Fixtures.text("binance/aggTrade_doc_example.json"));
        for (String frame : frames) {
            BinanceFrame.AggTrade fast = AggTradeScanner.scan(frame, 7);
            assertNotNull(fast, frame);
            assertEquals(parser.parseWithJackson(frame, 7), fast, frame);
        }
    }

    @Test
    void mutantsOfEveryBinanceFrameGetJacksonsAnswer() throws Exception {
        List<String> frames = new ArrayList<>(Fixtures.lines("binance/aggTrade_SUSHIUSDT_combined.jsonl"));
        for (String name : List.of(
                "aggTrade_doc_example.json",
                "forceOrder_doc_example.json",
                "ws_subscribe_response_doc.json",
                "depthUpdate_BTCUSDT_nautilus.json")) {
            frames.add(Fixtures.text("binance/" + name).strip());
        }
        FrameMutator mutator = new FrameMutator(2023);
        int fast = 0;
        int cases = 0;
        for (String frame : frames) {
            for (int i = 0; i < 500; i++) {
                String mutant = mutator.mutate(frame);
                assertSameAnswer(mutant);
                cases++;
                if (AggTradeScanner.scan(mutant, 1) != null) {
                    fast++;
                }
            }
        }
        // Some mutants must still be aggTrades the scanner reads, or this would test only the fallback.
        assertTrue(fast > 100, "mutants read by the scanner: " + fast + " of " + cases);
    }

    @Test
    void generatedFramesGetJacksonsAnswer() throws Exception {
        Random random = new Random(42);
        int fast = 0;
        for (int n = 0; n < 20_000; n++) {
            String frame = generated(random);
            assertSameAnswer(frame);
            if (AggTradeScanner.scan(frame, 1) != null) {
                fast++;
            }
        }
        assertTrue(fast > 2_000, "generated frames read by the scanner: " + fast);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // read by the scanner
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":2,\"s\":\"SOLUSDT\",\"p\":\"150.1\",\"q\":\"3\","
                        + "\"T\":1,\"m\":false}",
                " {\r\n\t\"e\" : \"aggTrade\" , \"a\":-0,\"s\":\"\",\"p\":\"007.50\",\"q\":\"0.000000001\","
                        + "\"T\":-5,\"m\":true,\"x\":null,\"y\":\"é\",\"id\":null,\"code\":3,\"msg\":\"\"} \n",
                "{\"stream\":\"s\",\"data\":{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,"
                        + "\"m\":false},\"e\":\"other\",\"p\":\"abc\"}",
                "{\"e\":\"x\",\"e\":\"aggTrade\",\"a\":1,\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\","
                        + "\"T\":1,\"m\":true}",
                // left to Jackson: it reads them, or refuses them
                "{\"e\":\"agg\\u0054rade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\\\"\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1e2\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1.5\",\"q\":\"1234567890.123456789\",\"T\":1,"
                        + "\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"-1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"+1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"0.0\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":9223372036854775807,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\","
                        + "\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":9223372036854775808,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\","
                        + "\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":02,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":2.0,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false,\"f\":1.5}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false,\"x\":[1]}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":falsey}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false,}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}{}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1}",
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\u0001\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{'e':'aggTrade','a':2,'s':'S','p':'1','q':'3','T':1,'m':false}",
                "{\"e\":\"aggTrade\",\"id\":\"1\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"code\":null,\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"data\":{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false},"
                        + "\"data\":{\"e\":\"aggTrade\",\"a\":3,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,"
                        + "\"m\":false}}",
                "{\"data\":{\"data\":{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,"
                        + "\"m\":false}}}",
                "{\"data\":null,\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"result\":null,\"id\":1}",
                "{\"code\":2,\"msg\":\"Invalid request\"}",
                "{\"e\":\"forceOrder\"}",
                "{}",
                "",
                "  ",
                "null"
            })
    void edgeCasesGetJacksonsAnswer(String frame) throws Exception {
        assertSameAnswer(frame);
    }

    @Test
    void theScannerLeavesWhatItDoesNotReadToJackson() {
        assertNull(AggTradeScanner.scan("{\"result\":null,\"id\":1}", 1));
        assertNull(AggTradeScanner.scan(
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1e2\",\"q\":\"3\",\"T\":1,\"m\":false}", 1));
        assertNull(AggTradeScanner.scan(
                "{\"e\":\"aggTrade\",\"a\":2,\"s\":\"S\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false} x", 1));
    }

    /** parse and the Jackson reader alone: equal frames, or both refuse with the same message. */
    private void assertSameAnswer(String frame) {
        assertEquals(answer(() -> parser.parseWithJackson(frame, 3)), answer(() -> parser.parse(frame, 3)), frame);
    }

    private interface Parse {
        BinanceFrame run() throws MalformedFrameException;
    }

    private static Object answer(Parse parse) {
        try {
            return parse.run();
        } catch (MalformedFrameException e) {
            return "malformed: " + e.getMessage();
        }
    }

    /** An aggTrade frame with shuffled, sometimes missing, duplicated, mistyped or extra fields, and odd numbers. */
    private static String generated(Random random) {
        List<String> fields = new ArrayList<>();
        fields.add("\"e\":" + pick(random, "\"aggTrade\"", "\"aggTrade\"", "\"aggTrade\"", "\"depthUpdate\"", "1"));
        fields.add("\"E\":" + integer(random));
        fields.add("\"a\":" + integer(random));
        fields.add("\"s\":" + pick(random, "\"SOLUSDT\"", "\"SOLUSDT\"", "\"\"", "7", "\"é€\""));
        fields.add("\"p\":\"" + decimal(random) + "\"");
        fields.add("\"q\":\"" + decimal(random) + "\"");
        fields.add("\"f\":" + integer(random));
        fields.add("\"T\":" + integer(random));
        fields.add("\"m\":" + pick(random, "true", "false", "true", "false", "null", "\"true\""));
        if (random.nextInt(4) == 0) {
            fields.add(pick(random, "\"id\":null", "\"code\":1", "\"msg\":\"m\"", "\"result\":null", "\"nq\":\"1\""));
        }
        if (random.nextInt(10) == 0) {
            fields.remove(random.nextInt(fields.size()));
        }
        if (random.nextInt(10) == 0) {
            fields.add(fields.get(random.nextInt(fields.size())));
        }
        java.util.Collections.shuffle(fields, random);
        String space = pick(random, "", "", "", " ", "\n\t");
        String body = "{" + space + String.join("," + space, fields) + space + "}";
        return random.nextInt(3) == 0 ? "{\"stream\":\"solusdt@aggTrade\",\"data\":" + body + "}" : body;
    }

    private static String integer(Random random) {
        if (random.nextInt(5) > 0) {
            return Long.toString(1_700_000_000_000L + random.nextInt(1_000_000));
        }
        return pick(
                random,
                Long.toString(random.nextLong() & 0xFFFFFFFFFFFL),
                Long.toString(1_700_000_000_000L + random.nextInt(1_000_000)),
                "0",
                "-3",
                "999999999999999999",
                "1000000000000000000",
                "9223372036854775807",
                "1.0",
                "1e3",
                "\"5\"");
    }

    private static String decimal(Random random) {
        StringBuilder s = new StringBuilder();
        int digits = 1 + random.nextInt(random.nextBoolean() ? 8 : 21);
        int point = random.nextInt(digits + 1);
        for (int i = 0; i < digits; i++) {
            if (i == point && i > 0) {
                s.append('.');
            }
            s.append(random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
        }
        return random.nextInt(8) == 0 ? pick(random, "-", "+", "1e", ".", "") + s : s.toString();
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
