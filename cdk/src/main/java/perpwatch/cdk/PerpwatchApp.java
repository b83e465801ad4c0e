package perpwatch.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * {@code cdk synth -c stage=dev}: the five stacks of one stage. Without {@code -c account=… -c region=…} the stacks
 * are environment-agnostic, so synth reads no AWS credentials and makes no AWS call (no lookups are used).
 */
public final class PerpwatchApp {
    private PerpwatchApp() {}

    public static void main(String[] args) {
        App app = new App();
        StageConfig stage = StageConfig.fromContext(app.getNode()::tryGetContext);
        stage.artifacts().requireBuilt();
        build(app, stage);
        app.synth();
    }

    /** The stacks of {@code stage} in {@code app}; tests call this with placeholder artifacts. */
    public static Stacks build(App app, StageConfig stage) {
        StackProps props = StackProps.builder().env(environment(app)).build();
        String prefix = "perpwatch-" + stage.stage() + "-";
        NetworkStack network = new NetworkStack(app, prefix + "network", props, stage);
        DataStack data = new DataStack(app, prefix + "data", props, stage, network);
        FeedsStack feeds = new FeedsStack(app, prefix + "feeds", props, stage, network, data);
        ApiStack api = new ApiStack(app, prefix + "api", props, stage, network, data);
        WebStack web = new WebStack(app, prefix + "web", props, stage, api);
        Tags.of(app).add("project", "perpwatch");
        Tags.of(app).add("stage", stage.stage());
        return new Stacks(network, data, feeds, api, web);
    }

    public record Stacks(NetworkStack network, DataStack data, FeedsStack feeds, ApiStack api, WebStack web) {}

    private static Environment environment(App app) {
        Object account = app.getNode().tryGetContext("account");
        Object region = app.getNode().tryGetContext("region");
        if (account == null && region == null) {
            return null;
        }
        return Environment.builder()
                .account(account == null ? null : account.toString())
                .region(region == null ? null : region.toString())
                .build();
    }
}
