package io.traceflux.pipeline;

import io.traceflux.policy.ActionRule;
import io.traceflux.policy.CorrelationSpec;
import io.traceflux.policy.FingerprintField;
import io.traceflux.policy.GovernanceSpec;
import io.traceflux.policy.Matcher;
import io.traceflux.policy.Policy;
import io.traceflux.policy.Severity;
import io.traceflux.policy.SuppressionRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds policies for pipeline tests without YAML: defaults plus the parts a test changes. */
final class PolicyBuilder {

    private final Map<String, Severity> severityMap = new LinkedHashMap<>();
    private final List<FingerprintField> fingerprint = new ArrayList<>(List.of(field("check"), field("host")));
    private Optional<Duration> dedup = Optional.empty();
    private final List<SuppressionRule> rules = new ArrayList<>();
    private List<String> groupBy = List.of();
    private Duration gap = Duration.ofMinutes(2);
    private Optional<Duration> maxSpan = Optional.empty();
    private int minSignals = 1;
    private String title = Policy.DEFAULT_TITLE;
    private final List<ActionRule> actions = new ArrayList<>();

    static PolicyBuilder policy() {
        return new PolicyBuilder();
    }

    static FingerprintField field(String name) {
        return new FingerprintField(name, Optional.empty());
    }

    /** A matcher from its parts; {@code op} is one of = != =~ !~. */
    static Matcher m(String name, String op, String value) {
        Matcher.Op o = switch (op) {
            case "=" -> Matcher.Op.EQ;
            case "!=" -> Matcher.Op.NE;
            case "=~" -> Matcher.Op.RE;
            default -> Matcher.Op.NRE;
        };
        return new Matcher(name, o, value, name + op + "\"" + value + "\"");
    }

    PolicyBuilder severity(String raw, Severity canonical) {
        severityMap.put(raw.toLowerCase(java.util.Locale.ROOT), canonical);
        return this;
    }

    PolicyBuilder fingerprint(FingerprintField... fields) {
        fingerprint.clear();
        fingerprint.addAll(List.of(fields));
        return this;
    }

    PolicyBuilder dedup(Duration window) {
        dedup = Optional.of(window);
        return this;
    }

    PolicyBuilder rule(SuppressionRule rule) {
        rules.add(rule);
        return this;
    }

    PolicyBuilder correlation(List<String> groupBy, Duration gap, Duration maxSpan, int minSignals) {
        this.groupBy = groupBy;
        this.gap = gap;
        this.maxSpan = Optional.ofNullable(maxSpan);
        this.minSignals = minSignals;
        return this;
    }

    PolicyBuilder title(String template) {
        title = template;
        return this;
    }

    PolicyBuilder action(ActionRule action) {
        actions.add(action);
        return this;
    }

    static SuppressionRule drop(String id, Matcher... match) {
        return new SuppressionRule.Drop(id, List.of(match));
    }

    static SuppressionRule maintenance(String id, String from, String to, Matcher... match) {
        return new SuppressionRule.Maintenance(id, List.of(match), Instant.parse(from), Instant.parse(to));
    }

    static SuppressionRule inhibit(String id, List<Matcher> source, List<Matcher> target, List<String> equal,
            Duration within) {
        return new SuppressionRule.Inhibit(id, source, target, equal, within);
    }

    Policy build() {
        return new Policy("test-policy", 1, "", Map.copyOf(severityMap), List.copyOf(fingerprint), dedup,
                List.copyOf(rules), new CorrelationSpec(groupBy, gap, maxSpan, minSignals), title,
                actions, GovernanceSpec.none(), "0".repeat(64), null, "");
    }
}
