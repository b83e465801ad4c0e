package perpwatch.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The VPC: public subnets only for the NAT gateway, private subnets (with egress, the feeds dial the venues) for
 * everything that runs. The two client security groups live here so the data stack can admit exactly them to Redis.
 */
public final class NetworkStack extends Stack {
    private final Vpc vpc;
    private final SecurityGroup feedTasks;
    private final SecurityGroup lambdas;

    public NetworkStack(Construct scope, String id, StackProps props, StageConfig stage) {
        super(scope, id, props);
        vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                // One NAT gateway: the feeds reconnect by themselves if its AZ fails; a second one doubles a fixed
                // cost.
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder()
                                .name("public")
                                .subnetType(SubnetType.PUBLIC)
                                .cidrMask(24)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("private")
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(22)
                                .build()))
                // S3 traffic (the drift scanner's uploads) skips the NAT gateway's per-GB charge.
                .gatewayEndpoints(Map.of(
                        "S3",
                        GatewayVpcEndpointOptions.builder()
                                .service(GatewayVpcEndpointAwsService.S3)
                                .build()))
                .build();
        // Rejected traffic only: what was refused, and from where, at a fraction of full flow logs' volume.
        vpc.addFlowLog(
                "RejectedFlows",
                FlowLogOptions.builder()
                        .trafficType(FlowLogTrafficType.REJECT)
                        .destination(FlowLogDestination.toCloudWatchLogs(LogGroup.Builder.create(this, "FlowLogs")
                                .logGroupName("/perpwatch/" + stage.stage() + "/vpc-rejected")
                                .retention(Retention.days(stage.logRetentionDays()))
                                .removalPolicy(RemovalPolicy.DESTROY)
                                .build()))
                        .build());
        feedTasks = SecurityGroup.Builder.create(this, "FeedTasksSg")
                .vpc(vpc)
                .description("perpwatch " + stage.stage() + " feed tasks (Redis clients; outbound to venues)")
                .allowAllOutbound(true)
                .build();
        lambdas = SecurityGroup.Builder.create(this, "LambdasSg")
                .vpc(vpc)
                .description("perpwatch " + stage.stage() + " API and webhook Lambdas (Redis clients)")
                .allowAllOutbound(true)
                .build();
    }

    public Vpc vpc() {
        return vpc;
    }

    public SubnetSelection privateSubnets() {
        return SubnetSelection.builder()
                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                .build();
    }

    public SecurityGroup feedTasksSecurityGroup() {
        return feedTasks;
    }

    public SecurityGroup lambdaSecurityGroup() {
        return lambdas;
    }
}
