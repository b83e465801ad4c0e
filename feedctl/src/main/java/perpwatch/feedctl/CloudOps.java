package perpwatch.feedctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The ECS cluster and the rollup Lambda of one stage (AWS, or an emulator at {@code PERPWATCH_AWS_ENDPOINT}). */
public final class CloudOps implements AutoCloseable {
    private final FeedCtlConfig config;
    private final EcsClient ecs;
    private final LambdaClient lambda;

    public CloudOps(FeedCtlConfig config) {
        this.config = config;
        var ecsBuilder =
                EcsClient.builder().region(Region.of(config.region())).httpClient(UrlConnectionHttpClient.create());
        var lambdaBuilder =
                LambdaClient.builder().region(Region.of(config.region())).httpClient(UrlConnectionHttpClient.create());
        if (config.awsEndpoint().isPresent()) {
            var local = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
            ecsBuilder.endpointOverride(config.awsEndpoint().get()).credentialsProvider(local);
            lambdaBuilder.endpointOverride(config.awsEndpoint().get()).credentialsProvider(local);
        } else {
            ecsBuilder.credentialsProvider(DefaultCredentialsProvider.create());
            lambdaBuilder.credentialsProvider(DefaultCredentialsProvider.create());
        }
        this.ecs = ecsBuilder.build();
        this.lambda = lambdaBuilder.build();
    }

    /** Service name → "running/desired", for every service of the feeds cluster. */
    public Map<String, String> runningCounts() {
        List<String> arns = new ArrayList<>();
        ecs.listServicesPaginator(b -> b.cluster(config.cluster()))
                .serviceArns()
                .forEach(arns::add);
        Map<String, String> counts = new TreeMap<>();
        for (int i = 0; i < arns.size(); i += 10) {
            List<String> page = arns.subList(i, Math.min(arns.size(), i + 10));
            for (Service s : ecs.describeServices(
                            b -> b.cluster(config.cluster()).services(page))
                    .services()) {
                counts.put(s.serviceName(), s.runningCount() + "/" + s.desiredCount());
            }
        }
        return counts;
    }

    /** A new deployment of the task's service: ECS starts a fresh task, then stops the old one. */
    public String restart(String task) {
        String service = "perpwatch-" + config.stage().orElseThrow() + "-" + task;
        return ecs.updateService(
                        b -> b.cluster(config.cluster()).service(service).forceNewDeployment(true))
                .service()
                .deployments()
                .get(0)
                .id();
    }

    /** Invokes the rollup function's live alias synchronously; returns its answer, or throws with its error. */
    public String rollup(Map<String, String> event) {
        StringBuilder json = new StringBuilder("{");
        event.forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v)
                .append('"'));
        InvokeResponse response = lambda.invoke(b -> b.functionName(config.rollupFunction())
                .qualifier("live")
                .payload(SdkBytes.fromUtf8String(json.append('}').toString())));
        String body = response.payload().asUtf8String();
        if (response.functionError() != null) {
            throw new IllegalStateException("rollup failed (" + response.functionError() + "): " + body);
        }
        return body;
    }

    @Override
    public void close() {
        ecs.close();
        lambda.close();
    }
}
