package perpwatch.local.market;

import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plays a tape in real time (or faster) into a simulator's publish function, on its own daemon thread. */
public final class TapePlayer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TapePlayer.class);

    private final Thread thread;
    private volatile boolean running = true;

    public TapePlayer(String name, Tape tape, BiConsumer<String, String> publish) {
        this.thread = new Thread(() -> play(tape, publish), "tape-" + name);
        this.thread.setDaemon(true);
    }

    public TapePlayer start() {
        thread.start();
        return this;
    }

    private void play(Tape tape, BiConsumer<String, String> publish) {
        while (running) {
            TapeFrame frame = tape.next();
            long wait = frame.sendAtMs() - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                publish.accept(frame.stream(), frame.payload());
            } catch (RuntimeException e) {
                LOG.warn("tape publish failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
