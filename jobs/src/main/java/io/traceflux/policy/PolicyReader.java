package io.traceflux.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates a parsed policy document against SPEC 3 and builds the {@link Policy}: the top-level
 * keys here, fingerprint, suppression and governance in their own readers. Every error is
 * collected; the policy is built only when there is none.
 */
final class PolicyReader {

    /** Policy and rule ids: they name folders, table values and diff paths. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final Pattern FILE_NAME = Pattern.compile("v([1-9][0-9]{0,8})\\.(yaml|yml|json)");
    private static final List<String> KEYS = List.of("policy", "version", "description", "severity_map",
            "fingerprint", "dedup", "suppression", "correlation", "aggregation", "actions", "governance");
    private static final List<String> REQUIRED = List.of("policy", "version", "fingerprint", "correlation");

    private final Path file;
    private final Problems problems;
    private final Fields fields;

    private PolicyReader(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
        this.fields = new Fields(problems);
    }

    /** The policy in {@code text}, read from {@code file}; throws {@link PolicyValidationException}. */
    static Policy read(Path file, String text) {
        Problems problems = new Problems(file.toString());
        PolicyDocument document = DocumentReader.read(text, problems);
        return new PolicyReader(file, problems).policy(document, text);
    }

    private Policy policy(PolicyDocument document, String text) {
        Node root = document.rootNode();
        if (!fields.mapping(root, KEYS, REQUIRED)) {
            problems.throwIfAny();
        }
        Optional<String> id = id(root.get("policy"));
        Optional<Integer> version = version(root.get("version"));
        String description = fields.string(root.get("description")).orElse("");
        Map<String, Severity> severityMap = severityMap(root.get("severity_map"));
        List<FingerprintField> fingerprint = new FingerprintReader(fields).fields(root.get("fingerprint"));
        Optional<Duration> dedupWindow = dedupWindow(root.get("dedup"));
        List<SuppressionRule> suppression = new SuppressionReader(fields).rules(root.get("suppression"));
        Optional<CorrelationSpec> correlation = correlation(root.get("correlation"));
        String title = title(root.get("aggregation"), correlation);
        List<ActionRule> actions = new ActionReader(fields).actions(root.get("actions"));
        GovernanceSpec governance = new GovernanceReader(fields).governance(root.get("governance"));
        fields.checkRegexBudget();
        problems.throwIfAny();
        return new Policy(id.orElseThrow(), version.orElseThrow(), description, severityMap, fingerprint,
                dedupWindow, suppression, correlation.orElseThrow(), title, actions, governance, document.sha256(),
                file, text);
    }

    private Optional<String> id(Node node) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        String folderName = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
        return fields.string(node).filter(id -> {
            if (!ID.matcher(id).matches()) {
                problems.add(node, "invalid policy id \"" + id + "\": ids match " + ID);
            } else if (!id.equals(folderName)) {
                problems.add(node, "must equal the folder name \"" + folderName + "\", got \"" + id + "\"");
            }
            return ID.matcher(id).matches() && id.equals(folderName);
        });
    }

    private Optional<Integer> version(Node node) {
        java.util.regex.Matcher name = FILE_NAME.matcher(file.getFileName().toString());
        if (!name.matches()) {
            problems.add("", 0, "the file name \"" + file.getFileName() + "\" must be v<N>.yaml, v<N>.yml or v<N>.json");
        }
        return fields.integer(node, 1).filter(version -> {
            boolean same = name.matches() && version == Integer.parseInt(name.group(1));
            if (name.matches() && !same) {
                problems.add(node, "must equal the N of the file name " + file.getFileName() + ", got " + version);
            }
            return same;
        });
    }

    /** Raw severity (lower-cased) to canonical severity; SPEC 3.2 step 1. */
    private Map<String, Severity> severityMap(Node node) {
        Map<String, Severity> map = new LinkedHashMap<>();
        Map<String, String> firstSpelling = new LinkedHashMap<>();
        if (node.present() && !node.json().isObject()) {
            problems.add(node, "expected a mapping from raw severity to canonical severity, got " + node.kind());
        }
        for (String key : node.json().isObject() ? node.keys() : List.<String>of()) {
            Node entry = node.get(key);
            String lower = key.toLowerCase(Locale.ROOT);
            String other = firstSpelling.putIfAbsent(lower, key);
            if (key.isEmpty()) {
                problems.add(entry, "an empty raw severity is always unknown and cannot be mapped");
            } else if (Severity.fromCanonical(key).isPresent()) {
                problems.add(entry, "\"" + key + "\" is a canonical severity name, which stands for itself: remove it");
            } else if (other != null) {
                problems.add(entry, "same key as \"" + other + "\" ignoring case");
            }
            canonical(entry).ifPresent(severity -> map.put(lower, severity));
        }
        return Collections.unmodifiableMap(map);
    }

    /** A canonical severity name, written exactly in lower case. */
    private Optional<Severity> canonical(Node node) {
        return fields.string(node).flatMap(text -> {
            Optional<Severity> severity = Severity.fromCanonical(text).filter(s -> s.canonicalName().equals(text));
            if (severity.isEmpty()) {
                problems.add(node, "must be one of critical, major, minor, warning, info (lower case), got \"" + text + "\"");
            }
            return severity;
        });
    }

    private Optional<Duration> dedupWindow(Node node) {
        fields.mapping(node, List.of("window"), List.of("window"));
        return fields.duration(node.get("window"));
    }

    private Optional<CorrelationSpec> correlation(Node node) {
        if (!fields.mapping(node, List.of("group_by", "gap", "max_span", "min_signals"), List.of("gap"))) {
            return Optional.empty();
        }
        int mark = problems.mark();
        List<String> groupBy = fields.names(node.get("group_by"));
        Optional<Duration> gap = fields.duration(node.get("gap"));
        Optional<Duration> maxSpan = fields.duration(node.get("max_span")).filter(span -> {
            if (span.isZero()) {
                problems.add(node.get("max_span"), "must be more than 0 (omit max_span for no cut)");
            }
            return !span.isZero();
        });
        int minSignals = fields.integer(node.get("min_signals"), 1).orElse(1);
        return gap.filter(g -> problems.noneSince(mark))
                .map(g -> new CorrelationSpec(List.copyOf(groupBy), g, maxSpan, minSignals));
    }

    /** The title template; its placeholders are {@code count} and the group_by names. */
    private String title(Node aggregation, Optional<CorrelationSpec> correlation) {
        if (!fields.mapping(aggregation, List.of("title"), List.of("title"))) {
            return Policy.DEFAULT_TITLE;
        }
        Node node = aggregation.get("title");
        return fields.parsed(node, TitleTemplate::parse).map(parts -> {
            if (parts.isEmpty()) {
                problems.add(node, "must not be empty");
            }
            List<String> groupBy = correlation.map(CorrelationSpec::groupBy).orElse(null);
            parts.stream()
                    .filter(p -> p.placeholder() && !p.text().equals("count") && groupBy != null && !groupBy.contains(p.text()))
                    .forEach(p -> problems.add(node, "unknown placeholder {" + p.text() + "}: use {count}"
                            + (groupBy.isEmpty() ? " (correlation has no group_by)" : " or a group_by name (" + String.join(", ", groupBy) + ")")));
            return node.json().textValue();
        }).orElse(Policy.DEFAULT_TITLE);
    }
}
