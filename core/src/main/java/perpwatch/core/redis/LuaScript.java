package perpwatch.core.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script and its SHA-1, the name Redis caches it under. The digest is computed here, once, so a call sends
 * {@code EVALSHA <sha>} (40 bytes) instead of the body; see {@link RedisStreams} for the NOSCRIPT fallback.
 */
record LuaScript(String body, String sha1) {
    static LuaScript of(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8));
            return new LuaScript(body, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
