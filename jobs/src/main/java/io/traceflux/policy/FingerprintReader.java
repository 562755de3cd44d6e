package io.traceflux.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code fingerprint.fields} (SPEC 3.2 step 2): at least one field, each a name or
 * {@code {name, normalize: {pattern, replace}}}, no name twice.
 */
final class FingerprintReader {

    private final Fields fields;
    private final Problems problems;

    FingerprintReader(Fields fields) {
        this.fields = fields;
        this.problems = fields.problems();
    }

    List<FingerprintField> fields(Node fingerprint) {
        if (!fields.mapping(fingerprint, List.of("fields"), List.of("fields"))) {
            return List.of();
        }
        Node list = fingerprint.get("fields");
        List<Node> elements = fields.optionalList(list);
        if (list.json().isArray() && elements.isEmpty()) {
            problems.add(list, "needs at least one field");
        }
        List<FingerprintField> result = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node element : elements) {
            field(element).ifPresent(result::add);
            JsonNode name = element.json().isObject() ? element.json().path("name") : element.json();
            String first = name.isTextual() ? seen.putIfAbsent(name.textValue(), element.path()) : null;
            if (first != null) {
                problems.add(element, "field \"" + name.textValue() + "\" is listed twice (also at " + first + ")");
            }
        }
        return List.copyOf(result);
    }

    private Optional<FingerprintField> field(Node element) {
        if (element.json().isTextual()) {
            return fields.name(element).map(name -> new FingerprintField(name, Optional.empty()));
        }
        if (!element.json().isObject()) {
            problems.add(element, "expected a name or a mapping with name and normalize, got " + element.kind());
            return Optional.empty();
        }
        int mark = problems.mark();
        fields.mapping(element, List.of("name", "normalize"), List.of("name"));
        Optional<String> name = fields.name(element.get("name"));
        Optional<FingerprintField.Normalize> normalize = normalize(element.get("normalize"));
        return name.filter(n -> problems.noneSince(mark)).map(n -> new FingerprintField(n, normalize));
    }

    private Optional<FingerprintField.Normalize> normalize(Node node) {
        if (!fields.mapping(node, List.of("pattern", "replace"), List.of("pattern", "replace"))) {
            return Optional.empty();
        }
        Node patternNode = node.get("pattern");
        Optional<String> pattern = fields.string(patternNode).filter(p -> usableForReplace(patternNode, p));
        pattern.ifPresent(p -> fields.countNormalize(patternNode, p));
        Optional<String> replace = fields.string(node.get("replace"));
        return pattern.flatMap(p -> replace.map(r -> new FingerprintField.Normalize(p, r)));
    }

    /**
     * Valid RE2 that cannot match the empty string: an empty match would insert the replacement
     * between characters, which is almost never meant, and engines disagree about where.
     */
    private boolean usableForReplace(Node node, String pattern) {
        Optional<String> error = Regexes.normalizeError(pattern);
        error.ifPresent(e -> problems.add(node, "invalid regex '" + pattern + "': " + e));
        boolean matchesEmpty = error.isEmpty() && Regexes.matchesEmpty(pattern);
        if (matchesEmpty) {
            problems.add(node, "the pattern matches the empty string; make it match at least one character");
        }
        return error.isEmpty() && !matchesEmpty;
    }
}
