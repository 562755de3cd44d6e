package io.traceflux.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A readable structural diff of two policy documents, one line per difference:
 * {@code ~ correlation.gap: 2m -> 5m}, {@code + suppression[id=drop-info]: {...}},
 * {@code - dedup: {window: 5m}}. Lists whose elements all carry a distinct {@code id} (the
 * suppression rules, the actions) are matched by id, not position. A change of the suppression
 * rules' order is a line of its own, since the first matching rule wins; the actions' order
 * means nothing (every matching action fires), so it never shows. Other lists are compared as
 * whole values.
 * Comments and formatting are not part of the documents, so they never show.
 */
public final class PolicyDiff {

    private PolicyDiff() {
    }

    /** What changed from {@code a} to {@code b}; empty when their documents are equal. */
    public static List<String> diff(Policy a, Policy b) {
        return diff(document(a), document(b));
    }

    public static List<String> diff(JsonNode a, JsonNode b) {
        List<String> lines = new ArrayList<>();
        compare("", a, b, lines);
        return lines;
    }

    private static JsonNode document(Policy policy) {
        return PolicyDocument.parse(policy.text(), String.valueOf(policy.source())).root();
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<String> lines) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            mappings(path, a, b, lines);
        } else if (byId(a) != null && byId(b) != null) {
            rules(path, byId(a), byId(b), lines);
        } else {
            lines.add("~ " + path + ": " + ValueText.of(a) + " -> " + ValueText.of(b));
        }
    }

    private static void mappings(String path, JsonNode a, JsonNode b, List<String> lines) {
        a.fieldNames().forEachRemaining(key -> {
            String keyPath = DocPath.key(path, key);
            if (b.has(key)) {
                compare(keyPath, a.get(key), b.get(key), lines);
            } else {
                lines.add("- " + keyPath + ": " + ValueText.of(a.get(key)));
            }
        });
        b.fieldNames().forEachRemaining(key -> {
            if (!a.has(key)) {
                lines.add("+ " + DocPath.key(path, key) + ": " + ValueText.of(b.get(key)));
            }
        });
    }

    private static void rules(String path, Map<String, JsonNode> a, Map<String, JsonNode> b, List<String> lines) {
        a.forEach((id, rule) -> {
            String rulePath = path + "[id=" + id + "]";
            if (b.containsKey(id)) {
                compare(rulePath, rule, b.get(id), lines);
            } else {
                lines.add("- " + rulePath + ": " + ValueText.of(rule));
            }
        });
        b.forEach((id, rule) -> {
            if (!a.containsKey(id)) {
                lines.add("+ " + path + "[id=" + id + "]: " + ValueText.of(rule));
            }
        });
        List<String> orderA = a.keySet().stream().filter(b::containsKey).toList();
        List<String> orderB = b.keySet().stream().filter(a::containsKey).toList();
        if (!orderA.equals(orderB) && !path.equals("actions")) {
            lines.add("~ " + path + " order: [" + String.join(", ", orderA) + "] -> [" + String.join(", ", orderB) + "]");
        }
    }

    /** The elements of a list keyed by their distinct string ids, or null when it is not such a list. */
    private static Map<String, JsonNode> byId(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            return null;
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode element : list) {
            JsonNode id = element.get("id");
            if (id == null || !id.isTextual() || byId.put(id.textValue(), element) != null) {
                return null;
            }
        }
        return byId;
    }
}
