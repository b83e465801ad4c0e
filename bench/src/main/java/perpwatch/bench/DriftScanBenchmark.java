package perpwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.onchain.scan.DriftLiqMapScanner;
import perpwatch.feeds.onchain.scan.LiqMap;
import perpwatch.feeds.solana.SolanaRpcClient;
import perpwatch.feeds.solana.SolanaRpcConfig;
import perpwatch.local.sim.solana.SolanaRpcSimulator;

/**
 * A full liquidation-map scan through the Solana RPC simulator: wall time and peak heap. The simulator runs in the
 * same JVM (it generates accounts lazily, holding none), so the heap figure bounds the scanner's own; run with
 * -Xmx256m to show the scan fits the budget. {@code --program} picks the population and profile: Velocity
 * (the default: its own layouts, a tenth of the Users in the older size) or the paused Drift v2.
 *
 * <pre>
 * java -Xmx256m -cp bench/target/benchmarks.jar perpwatch.bench.DriftScanBenchmark [--program=velocity|drift-v2]
 *     [--users=200000] [--runs=3] [--encoding=zstd|base64] [--rpc=URL of a SimulatedSolanaNode]
 * </pre>
 */
public final class DriftScanBenchmark {
    private DriftScanBenchmark() {}

    public static void main(String[] args) throws Exception {
        int users = 200_000;
        int runs = 3;
        boolean base64 = false;
        ProgramProfile profile = ProgramProfile.VELOCITY;
        String rpc = null;
        for (String a : args) {
            if (a.startsWith("--users=")) {
                users = Integer.parseInt(a.substring(8));
            } else if (a.startsWith("--runs=")) {
                runs = Integer.parseInt(a.substring(7));
            } else if (a.equals("--encoding=base64")) {
                base64 = true;
            } else if (a.startsWith("--rpc=")) {
                rpc = a.substring(6);
            } else if (a.startsWith("--program=")) {
                profile = ProgramProfile.parse(a.substring(10));
            }
        }
        // --rpc: a node in another JVM (SimulatedSolanaNode), so the heap figures are the scanner's alone.
        try (SolanaRpcSimulator sim = rpc != null
                ? null
                : SolanaRpcSimulator.start(SolanaRpcSimulator.population(profile.configName(), users))) {
            if (sim != null) {
                sim.refuseZstd(base64);
            }
            SolanaRpcClient client = new SolanaRpcClient(new SolanaRpcConfig(
                    URI.create(sim != null ? sim.url() : rpc), Duration.ofMinutes(10), 1, Duration.ofSeconds(1)));
            List<Long> walls = new ArrayList<>();
            LiqMap last = null;
            for (int run = 1; run <= runs; run++) {
                resetPeaks();
                long start = System.nanoTime();
                last = new DriftLiqMapScanner(client, profile, 0, System::currentTimeMillis).scan();
                long wall = (System.nanoTime() - start) / 1_000_000;
                walls.add(wall);
                System.out.printf(
                        "run %d (%s, map %s): %,d accounts, %,d SOL-PERP positions (%,d with a liquidation price)"
                                + " in %,d ms;"
                                + " peak heap %.1f MB of %.0f MB max%n",
                        run,
                        profile.configName(),
                        last.freshness().state().wire(),
                        last.accounts(),
                        last.positions().size(),
                        last.withLiqPrice(),
                        wall,
                        peakHeapMb(),
                        Runtime.getRuntime().maxMemory() / 1e6);
            }
            Collections.sort(walls);
            System.out.printf(
                    "median wall %,d ms over %d runs (%s encoding), %.0f accounts/s%n",
                    walls.get(walls.size() / 2),
                    runs,
                    base64 ? "base64" : "base64+zstd",
                    last.accounts() * 1000.0 / walls.get(walls.size() / 2));
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
