package io.traceflux.actions;

import io.traceflux.parity.CodePointOrder;
import io.traceflux.pipeline.RuleText;
import io.traceflux.policy.ActionRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cooldown holds (SPEC 3.4): the firings of one action for one group key, taken in order of
 * (fires_at, incident's first signal_id), each held when it fires less than the cooldown after
 * the last firing that was not held. An action without cooldown holds nothing.
 */
final class Cooldown {

    /**
     * An incident satisfying an action, before holds.
     *
     * @param groupKey      the incident's group key (identity of the cooldown's scope)
     * @param firstSignalId the incident's first signal, the tie-break of equal fires_at
     */
    record Candidate(String incidentId, Map<String, String> groupKey, String firstSignalId, ActionRule action,
            Instant firesAt) {
    }

    private Cooldown() {
    }

    /** The firings of {@code candidates}, held or not, in the order of the candidates. */
    static List<Firing> apply(List<Candidate> candidates) {
        Map<List<Object>, List<Candidate>> byScope = new LinkedHashMap<>();
        candidates.forEach(c -> byScope.computeIfAbsent(List.of(c.action().id(), c.groupKey()), k -> new ArrayList<>())
                .add(c));
        Map<Candidate, Boolean> held = new IdentityHashMap<>();
        for (List<Candidate> scope : byScope.values()) {
            scope.sort(Comparator.comparing(Candidate::firesAt)
                    .thenComparing(Candidate::firstSignalId, CodePointOrder.COMPARATOR));
            Instant lastSent = null;
            for (Candidate c : scope) {
                Duration cooldown = c.action().cooldown().orElse(Duration.ZERO);
                boolean hold = lastSent != null && Duration.between(lastSent, c.firesAt()).compareTo(cooldown) < 0;
                held.put(c, hold);
                if (!hold) {
                    lastSent = c.firesAt();
                }
            }
        }
        return candidates.stream().map(c -> new Firing(c.incidentId(), c.action().id(), c.action().kind(),
                c.action().target(), c.firesAt(), held.get(c), RuleText.describe(c.action()))).toList();
    }
}
