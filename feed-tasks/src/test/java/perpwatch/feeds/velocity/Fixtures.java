package perpwatch.feeds.velocity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the recorded wire shapes under {@code src/test/resources/velocity/} (see SOURCES.md there). */
final class Fixtures {
    private Fixtures() {}

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/velocity/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of an accepted outcome; fails the test with the rejection otherwise. */
    static <T> T accepted(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Accepted<T> a) {
            return a.value();
        }
        throw new AssertionError("expected a value, got " + outcome);
    }

    /** The reason of a rejected outcome; fails the test if it was accepted. */
    static Rejection rejection(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Rejected<?> r) {
            return r.reason();
        }
        throw new AssertionError("expected a rejection, got " + outcome);
    }
}
