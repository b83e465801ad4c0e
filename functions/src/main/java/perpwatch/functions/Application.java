package perpwatch.functions;

import io.micronaut.runtime.Micronaut;

/** Runs the API on Netty (port {@code MICRONAUT_SERVER_PORT}, default 8080). */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
