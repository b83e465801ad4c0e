package perpwatch.bench.harness;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * CPU and heap of the harness JVM (simulators, feed tasks and API together) and of the whole machine, sampled
 * twice a second while a scenario runs. Redis and the Kinesis emulator are other processes: they show in the
 * machine figure only.
 */
final class ResourceSampler implements AutoCloseable {
    record Usage(double processCpuPercent, double machineCpuPercent, long heapMaxMb, long gcPauses) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private final long gcBefore = gcCount();
    private final long cpuNanosBefore = os.getProcessCpuTime();
    private final long startedNanos = System.nanoTime();
    private volatile boolean running = true;
    private double machineSum;
    private int samples;
    private long heapMax;

    ResourceSampler() {
        thread = new Thread(this::run, "harness-resources");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            double machine = os.getCpuLoad();
            long heap = memory.getHeapMemoryUsage().getUsed();
            synchronized (this) {
                if (machine >= 0) {
                    machineSum += machine;
                    samples++;
                }
                heapMax = Math.max(heapMax, heap);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionCount())).sum();
    }

    /** Process CPU as a share of one core (200 % = both cores of a 2-core box busy). */
    synchronized Usage stop() {
        running = false;
        thread.interrupt();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double processCpu = (os.getProcessCpuTime() - cpuNanosBefore) / 1e9 / seconds * 100;
        double machine = samples == 0 ? -1 : machineSum / samples * 100 * Runtime.getRuntime().availableProcessors();
        return new Usage(processCpu, machine, heapMax / (1024 * 1024), gcCount() - gcBefore);
    }

    @Override
    public void close() {
        stop();
    }
}
