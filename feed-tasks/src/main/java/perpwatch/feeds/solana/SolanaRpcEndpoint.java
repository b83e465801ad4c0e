package perpwatch.feeds.solana;

import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.core.config.SafeUrl;

/**
 * {@code PERPWATCH_SOLANA_RPC_URL}, read so that a bad value can never stop the process. The value comes from a
 * secret an operator fills in after the first deploy; until then it holds {@link #PLACEHOLDER}, and a mistyped
 * value must cost the scan alone, not every feed task in the container. Either way the endpoint becomes a URL under
 * {@code set-me.invalid} ({@code .invalid} never resolves, RFC 2606), so even a caller that ignored
 * {@link #notConfigured} could not send a request anywhere.
 */
public final class SolanaRpcEndpoint {
    public static final String VARIABLE = "PERPWATCH_SOLANA_RPC_URL";
    public static final String DEFAULT = "https://api.mainnet-beta.solana.com";
    /** What the CDK stack creates the secret with: it parses, and it says what to do. */
    public static final String PLACEHOLDER = "https://set-me.invalid/replace-with-your-rpc-url";

    static final String NOT_CONFIGURED_HOST = "set-me.invalid";
    private static final URI UNPARSEABLE = URI.create("https://" + NOT_CONFIGURED_HOST + "/value-did-not-parse");
    private static final Logger LOG = LoggerFactory.getLogger(SolanaRpcEndpoint.class);

    private SolanaRpcEndpoint() {}

    /** The configured endpoint, or a {@code set-me.invalid} URL when it is the placeholder or does not parse. */
    public static URI fromEnv(Env env) {
        String value = env.string(VARIABLE, DEFAULT);
        try {
            return SafeUrl.parse(VARIABLE, value).uri();
        } catch (IllegalArgumentException e) {
            // Logged here, where the reason is known; the scan task then says once that it idles. The message never
            // holds the value (SafeUrl leaves it out).
            LOG.error("{}; the on-chain scan will not run until it is fixed", e.getMessage());
            return UNPARSEABLE;
        }
    }

    /** Why {@code endpoint} cannot be called, when it is the placeholder or stands for a value that did not parse. */
    public static Optional<String> notConfigured(URI endpoint) {
        if (!NOT_CONFIGURED_HOST.equalsIgnoreCase(endpoint.getHost())) {
            return Optional.empty();
        }
        return Optional.of(
                endpoint.equals(UNPARSEABLE)
                        ? VARIABLE + " is not a valid http(s) URL (the reason was logged at start-up)"
                        : VARIABLE + " still holds the placeholder " + PLACEHOLDER);
    }
}
