package perpwatch.core.redis;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * What a Redis failure says about the connection it came on. ElastiCache fails over by promoting the replica and
 * moving the primary endpoint's DNS name; a connection made before that still reaches the demoted node, which
 * answers every write with {@code READONLY}, or it is reset. Either way that connection will never write again, so
 * it is dropped and the next call connects afresh, resolving the name again.
 */
enum ConnectionFault {
    /** The connection reaches a node that can no longer take writes, or it was cut: drop it. */
    STALE,
    /** The server refused our AUTH token ({@code WRONGPASS}, {@code NOAUTH}): it may have been rotated. */
    AUTH,
    /** Anything else (a timeout, a bad command, Redis down): the connection may be fine. */
    OTHER;

    static ConnectionFault of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            String upper = message.toUpperCase(Locale.ROOT);
            if (upper.startsWith("WRONGPASS") || upper.startsWith("NOAUTH") || upper.contains(" WRONGPASS ")) {
                return AUTH;
            }
            if (upper.startsWith("READONLY") || upper.startsWith("MASTERDOWN")) {
                return STALE;
            }
            if (t instanceof ClosedChannelException
                    || (t instanceof IOException
                            && message.toLowerCase(Locale.ROOT).contains("connection reset"))) {
                return STALE;
            }
        }
        return OTHER;
    }
}
