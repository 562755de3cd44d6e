package io.traceflux.pipeline;

import io.traceflux.policy.Durations;
import io.traceflux.policy.Matcher;
import io.traceflux.policy.SuppressionRule;
import java.util.List;
import java.util.stream.Collectors;

/** Readable one-line descriptions of suppression rules, for explanations and reports. */
public final class RuleText {

    private RuleText() {
    }

    public static String describe(SuppressionRule rule) {
        if (rule instanceof SuppressionRule.Drop d) {
            return "dropped by rule " + d.id() + " " + matchers(d.match());
        }
        if (rule instanceof SuppressionRule.Maintenance m) {
            return "in maintenance " + m.id() + " " + matchers(m.match()) + " [" + m.from() + ", " + m.to() + ")";
        }
        SuppressionRule.Inhibit i = (SuppressionRule.Inhibit) rule;
        return "inhibited by rule " + i.id() + ": a source " + matchers(i.source())
                + " within " + Durations.format(i.within())
                + (i.equal().isEmpty() ? "" : " with equal " + String.join(", ", i.equal()));
    }

    private static String matchers(List<Matcher> matchers) {
        return matchers.stream().map(Matcher::text).collect(Collectors.joining(", ", "{", "}"));
    }
}
