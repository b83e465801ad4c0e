package perpwatch.bench;

import perpwatch.local.sim.solana.SolanaRpcSimulator;

/**
 * The Solana RPC simulator alone, in its own JVM, so that {@link DriftScanBenchmark} {@code --rpc=URL} measures the
 * scanner's heap without the node's (which keeps every User's zstd frame once served). Prints its URL, then serves
 * until killed.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar perpwatch.bench.SimulatedSolanaNode [--program=velocity] [--users=200000]
 * </pre>
 */
public final class SimulatedSolanaNode {
    private SimulatedSolanaNode() {}

    public static void main(String[] args) throws Exception {
        String program = "velocity";
        int users = 200_000;
        for (String a : args) {
            if (a.startsWith("--program=")) {
                program = a.substring(10);
            } else if (a.startsWith("--users=")) {
                users = Integer.parseInt(a.substring(8));
            }
        }
        SolanaRpcSimulator sim = SolanaRpcSimulator.start(SolanaRpcSimulator.population(program, users));
        System.out.println(sim.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
