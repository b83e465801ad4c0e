package perpwatch.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Validations;

/**
 * {@code cdk synth -c stage=dev}: the six stacks of one stage. Without {@code -c account=…} the stacks are
 * account-agnostic, so synth reads no AWS credentials and makes no AWS call (no lookups are used). The region is
 * always explicit ({@code -c region=…}, else the CLI's default region, else us-east-1): the web stack reads the WAF's
 * ARN from the edge stack in us-east-1, and CDK's cross-region references need both regions known.
 */
public final class PerpwatchApp {
    static final String FALLBACK_REGION = EdgeStack.REGION;

    private PerpwatchApp() {}

    public static void main(String[] args) {
        App app = new App();
        StageConfig stage = StageConfig.fromContext(app.getNode()::tryGetContext);
        stage.artifacts().requireBuilt();
        checks(app, build(app, stage));
        app.synth();
    }

    /** The stacks of {@code stage} in {@code app}; tests call this with placeholder artifacts. */
    public static Stacks build(App app, StageConfig stage) {
        Environment env = environment(app);
        StackProps props = StackProps.builder().env(env).build();
        String prefix = "perpwatch-" + stage.stage() + "-";
        NetworkStack network = new NetworkStack(app, prefix + "network", props, stage);
        DataStack data = new DataStack(app, prefix + "data", props, stage, network);
        FeedsStack feeds = new FeedsStack(app, prefix + "feeds", props, stage, network, data);
        ApiStack api = new ApiStack(app, prefix + "api", props, stage, network, data);
        EdgeStack edge = new EdgeStack(
                app,
                prefix + "edge",
                StackProps.builder()
                        .env(Environment.builder()
                                .account(env.getAccount())
                                .region(EdgeStack.REGION)
                                .build())
                        .crossRegionReferences(true)
                        .build(),
                stage);
        WebStack web = new WebStack(
                app,
                prefix + "web",
                StackProps.builder().env(env).crossRegionReferences(true).build(),
                stage,
                api,
                edge);
        Tags.of(app).add("project", "perpwatch");
        Tags.of(app).add("stage", stage.stage());
        return new Stacks(network, data, feeds, api, edge, web);
    }

    /**
     * Every synth runs cdk-nag's AwsSolutions pack after the accepted findings are acknowledged: an unacknowledged
     * error fails it, as in the tests.
     */
    public static void checks(App app, Stacks s) {
        Validations.of(app)
                .addPlugins(
                        NagFindings.plugin(s.network(), s.data(), s.feeds(), s.api(), s.edge(), s.web()),
                        new AwsSolutionsChecks(app));
    }

    public record Stacks(
            NetworkStack network, DataStack data, FeedsStack feeds, ApiStack api, EdgeStack edge, WebStack web) {}

    private static Environment environment(App app) {
        Object account = app.getNode().tryGetContext("account");
        Object region = app.getNode().tryGetContext("region");
        String cliRegion = System.getenv("CDK_DEFAULT_REGION");
        String chosen = region != null
                ? region.toString()
                : cliRegion != null && !cliRegion.isBlank() ? cliRegion : FALLBACK_REGION;
        return Environment.builder()
                .account(account == null ? null : account.toString())
                .region(chosen)
                .build();
    }
}
