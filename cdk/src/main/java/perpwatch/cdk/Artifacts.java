package perpwatch.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built pieces the stacks deploy, by path: the CDK app depends on no perpwatch module, it ships what Maven built.
 *
 * @param functionsJar  the API and webhook Lambda package ({@code functions/target/perpwatch-functions-lambda.jar})
 * @param archiveJar    the archiver and rollup Lambda package ({@code archive/target/perpwatch-archive-lambda.jar})
 * @param feedTasksDir  the feed-tasks image context: its Dockerfile and {@code target/perpwatch-feed-tasks.jar}
 * @param webDist       the dashboard's static files ({@code web-static/dist})
 */
public record Artifacts(Path functionsJar, Path archiveJar, Path feedTasksDir, Path webDist) {

    public static Artifacts under(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new Artifacts(
                r.resolve("functions/target/perpwatch-functions-lambda.jar"),
                r.resolve("archive/target/perpwatch-archive-lambda.jar"),
                r.resolve("feed-tasks"),
                r.resolve("web-static/dist"));
    }

    /** Fails with the build command to run, instead of CDK's bare "cannot find asset". */
    public Artifacts requireBuilt() {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(
                functionsJar,
                archiveJar,
                feedTasksDir.resolve("Dockerfile"),
                feedTasksDir.resolve("target/perpwatch-feed-tasks.jar"),
                webDist.resolve("index.html"))) {
            if (!Files.exists(p)) {
                missing.add(p.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not built yet: " + missing
                    + "; run `mvn -B -q -pl functions,archive,feed-tasks,web-static -am package "
                    + "-DskipTests` from the repository root");
        }
        return this;
    }
}
