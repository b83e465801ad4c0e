package perpwatch.functions.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against the OpenAPI 3.0 schema subset our document uses: type, nullable, required,
 * properties (no undeclared ones), additionalProperties, items, enum, $ref and a one-element allOf.
 */
final class SchemaSubsetValidator {
    private final Map<String, Object> document;

    SchemaSubsetValidator(Map<String, Object> document) {
        this.document = document;
    }

    List<String> validate(JsonNode value, Map<String, Object> schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        Map<String, Object> node = document;
        for (String part : ((String) ref).substring(2).split("/")) {
            node = (Map<String, Object>) node.get(part);
        }
        return resolve(node);
    }

    @SuppressWarnings("unchecked")
    private void check(JsonNode value, Map<String, Object> rawSchema, String path, List<String> problems) {
        Map<String, Object> schema = resolve(rawSchema);
        if (value.isNull()) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                problems.add(path + ": null but not nullable");
            }
            return;
        }
        if (schema.containsKey("allOf")) {
            for (Object part : (List<Object>) schema.get("allOf")) {
                check(value, (Map<String, Object>) part, path, problems);
            }
        }
        Object type = schema.get("type");
        if (type != null && !matches(value, (String) type)) {
            problems.add(path + ": expected " + type + ", got " + value.getNodeType());
            return;
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value.asText())) {
            problems.add(path + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
        }
        // A wrapper such as {nullable, allOf: [$ref]} leaves property checks to the schema it wraps.
        boolean describesProperties = schema.containsKey("properties") || schema.containsKey("additionalProperties");
        if (value.isObject() && describesProperties) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!value.has((String) required)) {
                    problems.add(path + ": missing required '" + required + "'");
                }
            }
            Object additional = schema.get("additionalProperties");
            value.fields().forEachRemaining(field -> {
                Object propertySchema = properties.get(field.getKey());
                if (propertySchema == null && additional instanceof Map) {
                    propertySchema = additional;
                }
                if (propertySchema == null) {
                    problems.add(path + ": undocumented property '" + field.getKey() + "'");
                } else {
                    check(
                            field.getValue(),
                            (Map<String, Object>) propertySchema,
                            path + "." + field.getKey(),
                            problems);
                }
            });
        }
        if (value.isArray() && schema.containsKey("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), (Map<String, Object>) schema.get("items"), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean matches(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> false;
        };
    }
}
