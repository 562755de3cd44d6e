package io.traceflux.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A document value as one readable line, in YAML flow style: {@code 2m}, {@code [region, pop]},
 * {@code {window: 5m}}. Strings are written plain unless that would be ambiguous (empty, edge
 * spaces, flow punctuation, or text that reads as a number, boolean or null), then JSON-quoted.
 */
final class ValueText {

    private static final Pattern NEEDS_QUOTES = Pattern.compile(
            "|\\s.*|.*\\s|.*[,\\[\\]{}].*|.*: .*|-?[0-9][0-9._eE+-]*|true|false|null|~");

    private ValueText() {
    }

    static String of(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            return NEEDS_QUOTES.matcher(text).matches() ? CanonicalJson.write(node) : text;
        }
        if (node.isArray() || node.isObject()) {
            List<String> parts = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(element -> parts.add(of(element)));
                return "[" + String.join(", ", parts) + "]";
            }
            node.fields().forEachRemaining(e -> parts.add(e.getKey() + ": " + of(e.getValue())));
            return "{" + String.join(", ", parts) + "}";
        }
        return CanonicalJson.write(node);
    }
}
