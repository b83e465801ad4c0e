package perpwatch.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the recorded venue messages in {@code shared/fixtures} (path from the build's {@code perpwatch.fixtures}). */
public final class Fixtures {
    private Fixtures() {}

    public static Path dir() {
        String configured = System.getProperty("perpwatch.fixtures");
        Path path = configured != null ? Path.of(configured) : Path.of("../../shared/fixtures");
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("fixtures not found at " + path.toAbsolutePath()
                    + " (the shared/ folder must sit beside the repository)");
        }
        return path;
    }

    public static Path path(String relative) {
        return dir().resolve(relative);
    }

    public static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> lines(String relative) {
        try {
            return Files.readAllLines(path(relative)).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
