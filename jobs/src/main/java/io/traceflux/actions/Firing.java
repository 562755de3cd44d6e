package io.traceflux.actions;

import io.traceflux.policy.ActionKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One firing of an action for an incident: what a replay records in {@code replay_actions}
 * (SPEC 3.4), or what production did ({@code baseline/actions/}). Nothing is ever executed.
 *
 * @param incidentId     the incident it fires for
 * @param actionId       the policy's action id (production's own id for production actions)
 * @param kind           page, ticket, runbook or notify
 * @param target         who or what it goes to
 * @param firesAt        when the incident first satisfied the rule (production: when it fired)
 * @param heldByCooldown fired less than the cooldown after the last unheld firing of the same
 *                       action and group key: recorded, not sent
 * @param rule           the rule as readable text; null for production's actions
 */
public record Firing(String incidentId, String actionId, ActionKind kind, String target, Instant firesAt,
        boolean heldByCooldown, String rule) {

    public Firing {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(firesAt, "firesAt");
    }
}
