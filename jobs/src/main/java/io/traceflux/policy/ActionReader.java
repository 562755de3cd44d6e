package io.traceflux.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code actions} (SPEC 3.4): a list of would-be actions, each with a unique {@code id},
 * optional {@code when} matchers and {@code min_signals} (at least 1, default 1), {@code do}
 * with exactly one of page, ticket, runbook or notify whose value is a non-empty target, and an
 * optional {@code cooldown} duration.
 */
final class ActionReader {

    private static final List<String> KEYS = List.of("id", "when", "min_signals", "do", "cooldown");

    private final Fields fields;
    private final Problems problems;

    ActionReader(Fields fields) {
        this.fields = fields;
        this.problems = fields.problems();
    }

    List<ActionRule> actions(Node actions) {
        List<ActionRule> rules = new ArrayList<>();
        Map<String, String> idPaths = new HashMap<>();
        for (Node element : fields.optionalList(actions)) {
            int mark = problems.mark();
            if (!fields.mapping(element, KEYS, List.of("id", "do"))) {
                continue;
            }
            Node idNode = element.get("id");
            Optional<String> id = id(idNode);
            id.ifPresent(i -> {
                String first = idPaths.putIfAbsent(i, element.path());
                if (first != null) {
                    problems.add(idNode, "duplicate action id \"" + i + "\" (also " + first + ")");
                }
            });
            List<Matcher> when = fields.matchers(element.get("when"), false);
            int minSignals = fields.integer(element.get("min_signals"), 1).orElse(1);
            Optional<Does> does = action(element.get("do"));
            Optional<Duration> cooldown = fields.duration(element.get("cooldown"));
            if (id.isPresent() && does.isPresent() && problems.noneSince(mark)) {
                rules.add(new ActionRule(id.get(), when, minSignals, does.get().kind(), does.get().target(), cooldown));
            }
        }
        return List.copyOf(rules);
    }

    private Optional<String> id(Node node) {
        return fields.string(node).filter(id -> {
            boolean valid = PolicyReader.ID.matcher(id).matches();
            if (!valid) {
                problems.add(node, "invalid action id \"" + id + "\": ids match " + PolicyReader.ID);
            }
            return valid;
        });
    }

    /** What {@code do} says: one kind and its target. */
    private record Does(ActionKind kind, String target) {
    }

    private Optional<Does> action(Node does) {
        List<String> kinds = Arrays.stream(ActionKind.values()).map(ActionKind::label).toList();
        if (!fields.mapping(does, kinds, List.of())) {
            return Optional.empty();
        }
        List<String> given = does.keys().stream().filter(kinds::contains).toList();
        if (given.size() != 1) {
            problems.add(does, given.isEmpty() ? "needs one of " + String.join(", ", kinds) + ", like {page: edge-oncall}"
                    : "has " + String.join(" and ", given) + ": an action does exactly one thing");
            return Optional.empty();
        }
        Node target = does.get(given.get(0));
        return fields.string(target).filter(t -> {
            if (t.isBlank()) {
                problems.add(target, "the target must not be empty");
            }
            return !t.isBlank();
        }).map(t -> new Does(ActionKind.of(given.get(0)).orElseThrow(), t));
    }
}
