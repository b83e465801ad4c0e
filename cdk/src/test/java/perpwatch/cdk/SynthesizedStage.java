package perpwatch.cdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * The dev stage synthesized once for every test class (jsii runs the construct library on the machine's Node,
 * offline), in eu-west-1, so the web stack's reference to the us-east-1 WAF goes the cross-region way.
 */
final class SynthesizedStage {
    static final String REGION = "eu-west-1";

    private static SynthesizedStage instance;

    final PerpwatchApp.Stacks stacks;
    final Template network;
    final Template data;
    final Template feeds;
    final Template api;
    final Template edge;
    final Template web;

    private SynthesizedStage() throws IOException {
        Path dir = Files.createTempDirectory("perpwatch-cdk-test");
        App app = App.Builder.create()
                .outdir(dir.resolve("cdk.out").toString())
                .context(Map.of("region", REGION))
                .build();
        StageConfig stage =
                new StageConfig("dev", 30, 14, "cache.t4g.small", Optional.empty(), TestArtifacts.create(dir));
        stacks = PerpwatchApp.build(app, stage);
        PerpwatchApp.checks(app, stacks);
        network = Template.fromStack(stacks.network());
        data = Template.fromStack(stacks.data());
        feeds = Template.fromStack(stacks.feeds());
        api = Template.fromStack(stacks.api());
        edge = Template.fromStack(stacks.edge());
        web = Template.fromStack(stacks.web());
    }

    static synchronized SynthesizedStage get() {
        if (instance == null) {
            try {
                instance = new SynthesizedStage();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }
}
