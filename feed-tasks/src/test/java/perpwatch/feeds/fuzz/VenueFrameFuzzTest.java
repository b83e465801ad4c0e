package perpwatch.feeds.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.fuzz.FrameMutator;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.binance.BinanceAggTradeParser;
import perpwatch.feeds.binance.BinanceEndpoints;
import perpwatch.feeds.binance.BinanceLiquidationSource;
import perpwatch.feeds.binance.book.BinanceDepthParser;
import perpwatch.feeds.bybit.BybitEndpoints;
import perpwatch.feeds.bybit.BybitLiquidationSource;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.okx.OkxFrameParser;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Thousands of mutated real venue frames through every parser: each one is either read or refused with
 * {@link MalformedFrameException} (which the workers count and log) — never another exception, which would escape
 * as a crash of the connection's reader. Seeded: the same cases on every build.
 */
class VenueFrameFuzzTest {
    static final int MUTANTS_PER_FRAME = 60;

    interface Parser {
        void parse(String frame) throws MalformedFrameException;
    }

    @Test
    void binanceFramesAreReadOrRefusedNeverCrash() throws IOException {
        BinanceAggTradeParser trades = new BinanceAggTradeParser();
        BinanceDepthParser depth = new BinanceDepthParser();
        Instrument sol = Instrument.builder("SOL")
                .on(Venue.BINANCE, "BTCUSDT")
                .on(Venue.OKX_USDT, "X-USDT-SWAP")
                .on(Venue.OKX_USDC, "X-USDC-SWAP")
                .on(Venue.BYBIT, "BTCUSDT")
                .build();
        BinanceLiquidationSource liquidations =
                new BinanceLiquidationSource(sol, BinanceEndpoints.fromEnv(Env.of(Map.of())));
        FeedCounters counters = new FeedCounters();
        int cases = fuzz(frames("binance"), 1, f -> {
            trades.parse(f, 1L);
            depth.parseFrame(f, 1L);
            liquidations.read(f, 1L, counters);
        });
        cases += fuzz(
                List.of(Fixtures.text("binance/depth_snapshot_rest_doc_example_nautilus.json")),
                2,
                depth::parseSnapshot);
        assertTrue(cases >= 3_000, "cases: " + cases);
    }

    @Test
    void okxAndBybitFramesAreReadOrRefusedNeverCrash() throws IOException {
        OkxFrameParser okx = new OkxFrameParser();
        Instrument btc = Instrument.builder("BTC")
                .on(Venue.BINANCE, "BTCUSDT")
                .on(Venue.OKX_USDT, "BTC-USDT-SWAP")
                .on(Venue.OKX_USDC, "BTC-USDC-SWAP")
                .on(Venue.BYBIT, "PIPPINUSDT")
                .build();
        BybitLiquidationSource bybit = new BybitLiquidationSource(btc, BybitEndpoints.fromEnv(Env.of(Map.of())));
        FeedCounters counters = new FeedCounters();
        int cases = fuzz(frames("okx"), 3, okx::parse);
        cases += fuzz(frames("bybit"), 4, f -> bybit.read(f, 1L, counters));
        assertTrue(cases >= 3_000, "cases: " + cases);
    }

    /**
     * Every mutant through {@code parser}; returns how many ran. Fails on the first exception that is not "malformed".
     */
    static int fuzz(List<String> frames, long seed, Parser parser) {
        FrameMutator mutator = new FrameMutator(seed);
        int cases = 0;
        for (String frame : frames) {
            for (int i = 0; i < MUTANTS_PER_FRAME; i++) {
                String mutant = mutator.mutate(frame);
                cases++;
                try {
                    parser.parse(mutant);
                } catch (MalformedFrameException expected) {
                    // refused, as it should be
                } catch (RuntimeException e) {
                    throw new AssertionError("a mutant escaped as " + e + ":\n" + mutant, e);
                }
            }
        }
        return cases;
    }

    /**
     * The recorded frames of a venue: every line of its .jsonl captures and every .json file, as the wire carries them.
     */
    static List<String> frames(String venue) throws IOException {
        List<String> frames = new ArrayList<>();
        try (var files = Files.list(Fixtures.dir().resolve(venue))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jsonl")) {
                    Files.readAllLines(file).stream()
                            .filter(l -> !l.isBlank())
                            .limit(20)
                            .forEach(frames::add);
                } else if (name.endsWith(".json")) {
                    frames.add(Files.readString(file).strip());
                }
            }
        }
        return frames;
    }
}
