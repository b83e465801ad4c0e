package perpwatch.functions.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares the {@code Authorization} header with a secret in constant time, so timing reveals nothing of it. */
final class WebhookAuth {
    private WebhookAuth() {}

    static boolean matches(String presented, String secret) {
        if (presented == null) {
            return false;
        }
        return matches(presented.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    static boolean matches(byte[] presented, byte[] secret) {
        return MessageDigest.isEqual(presented, secret);
    }
}
