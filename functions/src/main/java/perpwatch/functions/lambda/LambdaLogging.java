package perpwatch.functions.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging for the functions' Lambda jar, which carries no {@code logback.xml}: without one, logback's fallback logs
 * everything at DEBUG, and Micronaut's start-up alone wrote about 4,500 lines per cold start to CloudWatch (time
 * spent formatting and writing them, and paid for again as log ingestion). Configured in code rather than from
 * an XML file, which would cost an XML parse on every cold start.
 *
 * <p>Where a {@code logback.xml} or {@code logback-test.xml} is on the classpath (the local cloud, the benchmarks,
 * the tests), it steps aside and that file configures logging as before.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class LambdaLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LambdaLogging.class.getClassLoader();
        if (loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        // CloudWatch stamps every line with its time and the request id; the level, thread and logger are ours.
        encoder.setPattern("%-5level [%thread] %logger{24} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("OUT");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        // The same floors as the local cloud's logback.xml: their INFO lines are connection chatter.
        context.getLogger("io.lettuce").setLevel(Level.WARN);
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
