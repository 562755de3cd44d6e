package io.traceflux.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code governance} (SPEC 3.3, 6): required approvals (0 or more, default 0), gates by
 * their known names, and promotable scopes that must parse as scope text. Ratio gates
 * ({@code min_*}) lie in [0, 1]; count gates ({@code max_*}) are whole numbers, 0 or more;
 * {@code max_page_delay} is seconds, 0 or more (fractions allowed).
 */
final class GovernanceReader {

    private final Fields fields;
    private final Problems problems;

    GovernanceReader(Fields fields) {
        this.fields = fields;
        this.problems = fields.problems();
    }

    GovernanceSpec governance(Node node) {
        if (!fields.mapping(node, List.of("required_approvals", "gates", "promotable_scopes"), List.of())) {
            return GovernanceSpec.none();
        }
        int approvals = fields.integer(node.get("required_approvals"), 0).orElse(0);
        Map<String, Double> gates = gates(node.get("gates"));
        List<String> scopes = fields.optionalList(node.get("promotable_scopes")).stream()
                .flatMap(scope -> fields.parsed(scope, text -> {
                    ScopeParser.parse(text);
                    return text;
                }).stream())
                .toList();
        return new GovernanceSpec(approvals, gates, scopes);
    }

    private Map<String, Double> gates(Node node) {
        Map<String, Double> gates = new LinkedHashMap<>();
        if (fields.mapping(node, GovernanceSpec.GATE_NAMES, List.of())) {
            node.keys().stream()
                    .filter(GovernanceSpec.GATE_NAMES::contains)
                    .forEach(name -> threshold(node.get(name), name).ifPresent(value -> gates.put(name, value)));
        }
        return Collections.unmodifiableMap(gates);
    }

    private Optional<Double> threshold(Node node, String gate) {
        return fields.number(node).filter(value -> {
            boolean ratio = gate.startsWith("min_");
            boolean seconds = gate.equals(GovernanceSpec.MAX_PAGE_DELAY);
            boolean valid = ratio ? value >= 0 && value <= 1
                    : value >= 0 && (seconds || value == Math.rint(value));
            if (!valid) {
                problems.add(node, (ratio ? "must be a ratio from 0 to 1"
                        : seconds ? "must be seconds, 0 or more" : "must be a whole count, 0 or more")
                        + ", got " + node.json().asText());
            }
            return valid;
        });
    }
}
