package io.traceflux.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code suppression} (SPEC 3.2 step 3): an ordered list of rules, each with a unique
 * {@code id} and exactly one kind, {@code drop}, {@code maintenance} or {@code inhibit}.
 */
final class SuppressionReader {

    private static final List<String> KINDS = List.of("drop", "maintenance", "inhibit");

    private final Fields fields;
    private final Problems problems;

    SuppressionReader(Fields fields) {
        this.fields = fields;
        this.problems = fields.problems();
    }

    List<SuppressionRule> rules(Node suppression) {
        List<SuppressionRule> rules = new ArrayList<>();
        Map<String, String> idPaths = new HashMap<>();
        for (Node element : fields.optionalList(suppression)) {
            Node idNode = element.get("id");
            Optional<String> id = id(idNode);
            id.ifPresent(i -> {
                String first = idPaths.putIfAbsent(i, element.path());
                if (first != null) {
                    problems.add(idNode, "duplicate id \"" + i + "\" (also " + first + ")");
                }
            });
            rule(element, id).ifPresent(rules::add);
        }
        return List.copyOf(rules);
    }

    private Optional<String> id(Node node) {
        return fields.string(node).filter(id -> {
            boolean valid = PolicyReader.ID.matcher(id).matches();
            if (!valid) {
                problems.add(node, "invalid rule id \"" + id + "\": ids match " + PolicyReader.ID);
            }
            return valid;
        });
    }

    private Optional<SuppressionRule> rule(Node element, Optional<String> id) {
        List<String> allowed = List.of("id", "drop", "maintenance", "inhibit");
        if (!fields.mapping(element, allowed, List.of("id"))) {
            return Optional.empty();
        }
        List<String> kinds = KINDS.stream().filter(kind -> element.get(kind).present()).toList();
        if (kinds.size() != 1) {
            problems.add(element, kinds.isEmpty() ? "needs one of drop, maintenance or inhibit"
                    : "has " + String.join(" and ", kinds) + ": a rule has exactly one kind");
            return Optional.empty();
        }
        int mark = problems.mark();
        Node body = element.get(kinds.get(0));
        String ruleId = id.orElse("");
        Optional<SuppressionRule> rule = switch (kinds.get(0)) {
            case "drop" -> Optional.of(new SuppressionRule.Drop(ruleId, List.copyOf(fields.matchers(body, true))));
            case "maintenance" -> maintenance(ruleId, body);
            default -> inhibit(ruleId, body);
        };
        return rule.filter(r -> id.isPresent() && problems.noneSince(mark));
    }

    private Optional<SuppressionRule> maintenance(String id, Node body) {
        fields.mapping(body, List.of("match", "from", "to"), List.of("from", "to"));
        List<Matcher> match = fields.matchers(body.get("match"), false);
        Optional<Instant> from = fields.timestamp(body.get("from"));
        Optional<Instant> to = fields.timestamp(body.get("to"));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            problems.add(body.get("to"), "must be after from (" + from.get() + "), got " + to.get());
        }
        return from.flatMap(f -> to.map(t -> new SuppressionRule.Maintenance(id, List.copyOf(match), f, t)));
    }

    private Optional<SuppressionRule> inhibit(String id, Node body) {
        fields.mapping(body, List.of("source", "target", "equal", "within"), List.of("source", "target", "within"));
        List<Matcher> source = fields.matchers(body.get("source"), true);
        List<Matcher> target = fields.matchers(body.get("target"), true);
        List<String> equal = fields.names(body.get("equal"));
        return fields.duration(body.get("within")).map(within ->
                new SuppressionRule.Inhibit(id, List.copyOf(source), List.copyOf(target), List.copyOf(equal), within));
    }
}
