package perpwatch.cdk;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.elasticache.CfnReplicationGroup;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * State: Redis (hot streams), the Kinesis durable log, the archive bucket, the two secrets, and the alarm topic.
 */
public final class DataStack extends Stack {
    public static final int REDIS_PORT = 6379;
    /**
     * What the solana-rpc-url secret holds until the operator sets it: no key, nothing secret (hence plain text in
     * the template). Must equal {@code SolanaRpcEndpoint.PLACEHOLDER} in feed-tasks, which treats it as unset.
     */
    public static final String SOLANA_RPC_URL_PLACEHOLDER = "https://set-me.invalid/replace-with-your-rpc-url";

    private final CfnReplicationGroup redis;
    private final Secret redisAuth;
    private final Secret heliusAuth;
    private final Secret solanaRpcUrl;
    private final Stream events;
    private final Bucket archive;
    private final Topic alarms;

    public DataStack(Construct scope, String id, StackProps props, StageConfig stage, NetworkStack network) {
        super(scope, id, props);
        RemovalPolicy keep = stage.production() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        // Redis AUTH token: generated, never in a template or an environment variable. ElastiCache takes
        // 16–128 printable characters without @ " /; letters and digits only keeps it URL- and shell-safe.
        redisAuth = Secret.Builder.create(this, "RedisAuth")
                .secretName(stage.name("redis-auth"))
                .description("AUTH token of the perpwatch " + stage.stage() + " Redis replication group")
                .generateSecretString(SecretStringGenerator.builder()
                        .excludePunctuation(true)
                        .passwordLength(64)
                        .build())
                .removalPolicy(keep)
                .build();
        // The exact Authorization value Helius sends: copy it into the Helius webhook's auth header.
        heliusAuth = Secret.Builder.create(this, "HeliusAuth")
                .secretName(stage.name("helius-auth"))
                .description("Authorization header value of the perpwatch " + stage.stage() + " Helius webhook")
                .generateSecretString(SecretStringGenerator.builder()
                        .excludePunctuation(true)
                        .passwordLength(48)
                        .build())
                .removalPolicy(keep)
                .build();

        // The Drift scan's Solana RPC URL: providers put the API key in it, so it is a secret too. Created with a
        // placeholder that parses and says what to do; the scan task reads it as "not configured" and idles (left
        // unset, CDK would generate a random value with punctuation, which failed URL parsing at start-up and
        // crash-looped the feeds). The operator sets the provider's URL (README, Deploy) and restarts drift-liq-map.
        solanaRpcUrl = Secret.Builder.create(this, "SolanaRpcUrl")
                .secretName(stage.name("solana-rpc-url"))
                .description("Solana JSON-RPC URL (getProgramAccounts-capable, with its key) for the perpwatch "
                        + stage.stage() + " Drift scan")
                .secretStringValue(SecretValue.unsafePlainText(SOLANA_RPC_URL_PLACEHOLDER))
                .removalPolicy(keep)
                .build();

        SecurityGroup redisSg = SecurityGroup.Builder.create(this, "RedisSg")
                .vpc(network.vpc())
                .description("perpwatch " + stage.stage() + " Redis: only the feed tasks and the Lambdas")
                .allowAllOutbound(false)
                .build();
        redisSg.addIngressRule(
                Peer.securityGroupId(network.feedTasksSecurityGroup().getSecurityGroupId()),
                Port.tcp(REDIS_PORT),
                "feed tasks");
        redisSg.addIngressRule(
                Peer.securityGroupId(network.lambdaSecurityGroup().getSecurityGroupId()),
                Port.tcp(REDIS_PORT),
                "API and webhook Lambdas");

        CfnSubnetGroup subnets = CfnSubnetGroup.Builder.create(this, "RedisSubnets")
                .description("perpwatch " + stage.stage() + " Redis private subnets")
                .subnetIds(network.vpc().selectSubnets(network.privateSubnets()).getSubnetIds())
                .build();
        redis = CfnReplicationGroup.Builder.create(this, "Redis")
                .replicationGroupDescription("perpwatch " + stage.stage() + " hot streams")
                .engine("valkey")
                .engineVersion("8.0")
                .cacheNodeType(stage.redisNodeType())
                .numCacheClusters(2)
                .multiAzEnabled(true)
                .automaticFailoverEnabled(true)
                .transitEncryptionEnabled(true)
                .atRestEncryptionEnabled(true)
                // A dynamic reference ({{resolve:secretsmanager:…}}): CloudFormation reads the secret at deploy time.
                .authToken(redisAuth.getSecretValue().unsafeUnwrap())
                .port(REDIS_PORT)
                .cacheSubnetGroupName(subnets.getRef())
                .securityGroupIds(List.of(redisSg.getSecurityGroupId()))
                .snapshotRetentionLimit(stage.production() ? 3 : 0)
                .build();
        redis.addResourceDependency(subnets);

        events = Stream.Builder.create(this, "Events")
                .streamName(stage.name("events"))
                .streamMode(StreamMode.ON_DEMAND)
                .encryption(StreamEncryption.MANAGED)
                .retentionPeriod(Duration.hours(24))
                .removalPolicy(keep)
                .build();

        archive = Bucket.Builder.create(this, "Archive")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("retention")
                        .expiration(Duration.days(stage.archiveRetentionDays()))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        alarms = Topic.Builder.create(this, "Alarms")
                .topicName(stage.name("alarms"))
                .enforceSsl(true)
                .build();
        stage.alarmEmail().ifPresent(email -> alarms.addSubscription(new EmailSubscription(email)));

        CfnOutput.Builder.create(this, "ArchiveBucketName")
                .value(archive.getBucketName())
                .build();
        CfnOutput.Builder.create(this, "EventsStreamName")
                .value(events.getStreamName())
                .build();
        CfnOutput.Builder.create(this, "HeliusAuthSecret")
                .value(heliusAuth.getSecretArn())
                .description(
                        "aws secretsmanager get-secret-value --secret-id <this> → the Helius webhook's auth header")
                .build();
    }

    /** {@code rediss://host:port}: TLS in transit; the AUTH token travels separately, from Secrets Manager. */
    public String redisUrl() {
        return "rediss://" + redis.getAttrPrimaryEndPointAddress() + ":" + redis.getAttrPrimaryEndPointPort();
    }

    public Secret redisAuth() {
        return redisAuth;
    }

    public Secret solanaRpcUrl() {
        return solanaRpcUrl;
    }

    public Secret heliusAuth() {
        return heliusAuth;
    }

    public Stream events() {
        return events;
    }

    public Bucket archive() {
        return archive;
    }

    public Topic alarms() {
        return alarms;
    }
}
