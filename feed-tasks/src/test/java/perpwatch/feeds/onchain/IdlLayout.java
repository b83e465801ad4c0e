package perpwatch.feeds.onchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import perpwatch.core.testing.Fixtures;

/** Field offsets computed from the Drift IDL json (packed Borsh layout, 8-byte discriminator first). */
final class IdlLayout {
    private final Map<String, JsonNode> types = new HashMap<>();

    IdlLayout() throws IOException {
        this(new ObjectMapper()
                .readTree(Fixtures.path("drift/drift-idl-sdk-2.156.0.json").toFile()));
    }

    /**
     * Old (Anchor ≤ 0.29, camelCase, accounts typed inline) and new (0.30+, snake_case, accounts in types) IDLs alike.
     */
    IdlLayout(JsonNode idl) {
        for (JsonNode t : idl.get("types")) {
            types.put(t.get("name").asText(), t);
        }
        for (JsonNode a : idl.get("accounts")) {
            if (a.has("type")) {
                types.put(a.get("name").asText(), a);
            }
        }
    }

    /** Offset of {@code path} ("amm.historicalOracleData.lastOraclePrice") in an account, discriminator included. */
    int offset(String account, String path) {
        return 8 + offsetInType(account, path);
    }

    /** Offset of {@code path} from the start of a type's (or an account's body's) fields. */
    int offsetInType(String account, String path) {
        int offset = 0;
        JsonNode type = types.get(account);
        for (String name : path.split("\\.")) {
            JsonNode field = null;
            for (JsonNode f : type.get("type").get("fields")) {
                if (f.get("name").asText().equals(name)) {
                    field = f;
                    break;
                }
                offset += size(f.get("type"));
            }
            if (field == null) {
                throw new IllegalArgumentException(account + " has no field " + path);
            }
            JsonNode fieldType = field.get("type");
            type = fieldType.has("defined") ? types.get(definedName(fieldType)) : null;
        }
        return offset;
    }

    private static String definedName(JsonNode type) {
        JsonNode d = type.get("defined");
        return d.isObject() ? d.get("name").asText() : d.asText();
    }

    /** The variant names of an enum type, in byte order. */
    java.util.List<String> variants(String name) {
        java.util.List<String> out = new java.util.ArrayList<>();
        types.get(name)
                .get("type")
                .get("variants")
                .forEach(v -> out.add(v.get("name").asText()));
        return out;
    }

    int accountSize(String account) {
        return 8 + structSize(types.get(account));
    }

    int typeSize(String name) {
        return structSize(types.get(name));
    }

    private int structSize(JsonNode def) {
        JsonNode t = def.get("type");
        if (t.get("kind").asText().equals("enum")) {
            return 1;
        }
        int size = 0;
        for (JsonNode f : t.get("fields")) {
            size += size(f.get("type"));
        }
        return size;
    }

    private int size(JsonNode type) {
        if (type.isTextual()) {
            switch (type.asText()) {
                case "bool":
                case "u8":
                case "i8":
                    return 1;
                case "u16":
                case "i16":
                    return 2;
                case "u32":
                case "i32":
                case "f32":
                    return 4;
                case "u64":
                case "i64":
                case "f64":
                    return 8;
                case "u128":
                case "i128":
                    return 16;
                case "publicKey":
                case "pubkey":
                    return 32;
                default:
                    throw new IllegalArgumentException("unknown IDL type " + type);
            }
        }
        if (type.has("array")) {
            return size(type.get("array").get(0)) * type.get("array").get(1).asInt();
        }
        if (type.has("defined")) {
            return structSize(types.get(definedName(type)));
        }
        throw new IllegalArgumentException("unsized IDL type " + type);
    }
}
