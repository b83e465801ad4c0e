package perpwatch.bench.harness;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 6: the dashboard's own end-to-end run (web-static/e2e/dashboard.e2e.mjs: a fresh local cloud, 24 h of
 * history, headless Chromium), and React's render cost per component from its output. Runs after the harness's
 * cloud has stopped, so the two do not share the cores.
 */
final class DashboardScenario implements Scenario {
    static final double BUDGET_MS = 50;
    private static final Pattern RENDER =
            Pattern.compile("render:(\\w+): (\\d+) renders, median ([\\d.]+) ms, max ([\\d.]+) ms");

    @Override
    public String title() {
        return "6. Dashboard under load";
    }

    @Override
    public Result run(HarnessContext ignored) throws Exception {
        Path script = Path.of("web-static/e2e/dashboard.e2e.mjs");
        if (!Files.isRegularFile(script) || !Files.isDirectory(Path.of("web-static/node_modules"))) {
            return new Result(
                    title(),
                    true,
                    "Skipped: run from the repository root after `./perpwatch test` (it installs the dashboard's "
                            + "packages).\n");
        }
        Process node = new ProcessBuilder("node", script.toString())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        if (!node.waitFor(15, TimeUnit.MINUTES)) {
            node.destroyForcibly();
        }
        if (lines.stream().anyMatch(l -> l.contains("SKIPPED"))) {
            return new Result(
                    title(),
                    true,
                    "Skipped: "
                            + lines.stream()
                                    .filter(l -> l.contains("SKIPPED"))
                                    .findFirst()
                                    .orElse("") + "\n");
        }
        StringBuilder md = new StringBuilder(
                "`node web-static/e2e/dashboard.e2e.mjs`: a fresh local cloud, 24 h of funding samples and an hour "
                        + "of liquidations, the dashboard in headless Chromium at 1440×900, React's `<Profiler>` "
                        + "time per render.\n\n"
                        + "| component | renders | median ms | max ms |\n|---|---|---|---|\n");
        boolean withinBudget = true;
        int components = 0;
        List<String> reactions = new ArrayList<>();
        for (String line : lines) {
            Matcher m = RENDER.matcher(line);
            if (m.find()) {
                components++;
                md.append("| ")
                        .append(m.group(1))
                        .append(" | ")
                        .append(m.group(2))
                        .append(" | ")
                        .append(m.group(3))
                        .append(" | ")
                        .append(m.group(4))
                        .append(" |\n");
                withinBudget &= Double.parseDouble(m.group(3)) < BUDGET_MS;
            } else if (line.contains("after") && (line.contains("card") || line.contains("heatmap"))) {
                reactions.add(line);
            }
        }
        if (!reactions.isEmpty()) {
            md.append("\nReaction to a cascade written to Redis: ")
                    .append(String.join("; ", reactions))
                    .append('.');
        }
        boolean ran = node.exitValue() == 0 && components > 0;
        md.append("\n\n")
                .append(
                        ran
                                ? ""
                                : "The e2e run failed (exit " + node.exitValue() + "): "
                                        + String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()))
                                        + "\n")
                .append(
                        withinBudget
                                ? "Every component's median render is under 50 ms."
                                : "A component's median render is over 50 ms.")
                .append(" Worst single renders share the two cores with the cloud and the browser; see the max "
                        + "column.\n");
        return new Result(title(), ran && withinBudget, md.toString());
    }
}
