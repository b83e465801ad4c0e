package perpwatch.bench.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * CPU and heap of the harness JVM (simulators, feed tasks and API together) and of the whole machine, sampled
 * twice a second while a scenario runs. Redis and the Kinesis emulator are other processes: they show in the
 * machine figure only.
 */
final class ResourceSampler implements AutoCloseable {
    record Usage(
            double processCpuPercent, double machineCpuPercent, long heapMaxMb, long gcPauses, List<Pause> pauses) {
        long longestPauseMs() {
            return pauses.stream().mapToLong(Pause::durationMs).max().orElse(0);
        }

        /** Whether a stop-the-world collection of this JVM overlapped [fromMs, toMs] (epoch ms). */
        boolean pausedDuring(long fromMs, long toMs) {
            return pauses.stream().anyMatch(p -> p.startMs() <= toMs && p.startMs() + p.durationMs() >= fromMs);
        }
    }

    /** One collection of this JVM: when it started (epoch ms) and how long it took. */
    record Pause(long startMs, long durationMs) {}

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private final long gcBefore = gcCount();
    private final long cpuNanosBefore = os.getProcessCpuTime();
    private final long startedNanos = System.nanoTime();
    private volatile boolean running = true;
    private double machineSum;
    private int samples;
    private long heapMax;

    private final List<Pause> pauses = new ArrayList<>();
    private final long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    /** Young and full collections stop every thread, the simulators' and the feeds' alike. */
    private final NotificationListener onCollection = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo();
            synchronized (this) {
                pauses.add(new Pause(jvmStartMs + info.getStartTime(), info.getDuration()));
            }
        }
    };

    ResourceSampler() {
        collectorEmitters().forEach(emitter -> emitter.addNotificationListener(onCollection, null, null));
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

    /** The collectors that announce each collection (all of them on HotSpot). */
    private static List<NotificationEmitter> collectorEmitters() {
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitters.add(emitter);
            }
        }
        return emitters;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(g -> Math.max(0, g.getCollectionCount()))
                .sum();
    }

    /** Process CPU as a share of one core (200 % = both cores of a 2-core box busy). */
    synchronized Usage stop() {
        running = false;
        thread.interrupt();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        double processCpu = (os.getProcessCpuTime() - cpuNanosBefore) / 1e9 / seconds * 100;
        double machine = samples == 0
                ? -1
                : machineSum / samples * 100 * Runtime.getRuntime().availableProcessors();
        for (NotificationEmitter emitter : collectorEmitters()) {
            try {
                emitter.removeNotificationListener(onCollection);
            } catch (ListenerNotFoundException e) {
                // stop() ran twice: already removed
            }
        }
        return new Usage(processCpu, machine, heapMax / (1024 * 1024), gcCount() - gcBefore, List.copyOf(pauses));
    }

    @Override
    public void close() {
        stop();
    }
}
