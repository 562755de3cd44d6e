package io.traceflux.pipeline;

import io.traceflux.policy.ActionRule;
import io.traceflux.policy.Durations;
import io.traceflux.policy.Matcher;
import io.traceflux.policy.SuppressionRule;
import java.util.List;
import java.util.stream.Collectors;

/** Readable one-line descriptions of suppression rules and actions, for explanations and reports. */
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

    /**
     * An action as {@code replay_actions.rule} shows it, e.g. {@code page edge-oncall when
     * {severity=~"critical"} from 3 signals, cooldown 30m (action page-edge-oncall)}.
     */
    public static String describe(ActionRule action) {
        return action.kind().label() + " " + action.target()
                + (action.when().isEmpty() ? " for every incident" : " when " + matchers(action.when()))
                + (action.minSignals() > 1 ? " from " + action.minSignals() + " signals" : "")
                + action.cooldown().map(c -> ", cooldown " + Durations.format(c)).orElse("")
                + " (action " + action.id() + ")";
    }

    private static String matchers(List<Matcher> matchers) {
        return matchers.stream().map(Matcher::text).collect(Collectors.joining(", ", "{", "}"));
    }
}
