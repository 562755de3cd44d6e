package io.traceflux.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One would-be action of a policy (SPEC 3.4): what production automation does with an incident
 * once it satisfies {@code when} and holds {@code minSignals} signals. Replays only record it.
 *
 * @param id         unique among the policy's actions
 * @param when       matchers over the incident (group-key values, highest severity so far, any
 *                   service or host touched so far); empty matches every incident
 * @param minSignals the incident fires once it holds this many signals, duplicates counted
 * @param kind       page, ticket, runbook or notify
 * @param target     who or what it goes to, as written (an on-call schedule, a queue, a URL)
 * @param cooldown   the same action and group key fire at most once per this; empty: no hold
 */
public record ActionRule(String id, List<Matcher> when, int minSignals, ActionKind kind, String target,
        Optional<Duration> cooldown) {

    public ActionRule {
        when = List.copyOf(when);
    }
}
