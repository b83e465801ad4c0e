package perpwatch.feeds.solana;

import java.util.Map;

/** A getProgramAccounts filter, as the node takes it: {@code {"memcmp":{offset,bytes}}} or {@code {"dataSize":n}}. */
public record RpcFilter(Map<String, Object> json) {
    public static RpcFilter memcmp(int offset, byte[] bytes) {
        return new RpcFilter(Map.of("memcmp", Map.of("offset", offset, "bytes", Base58.encode(bytes))));
    }

    public static RpcFilter dataSize(int size) {
        return new RpcFilter(Map.of("dataSize", size));
    }
}
