package io.traceflux.governance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.policy.PolicyHash;
import java.time.Instant;
import java.util.Objects;

/**
 * A governance event before it has a place in the chain: what happened, to which execution and
 * policy version, by whom. {@link #seal} gives it its seq, time and hashes.
 *
 * @param details what the action needs on record (canonical JSON text once sealed)
 */
public record AuditEvent(String actor, Action action, String executionId, String policyId, Integer policyVersion,
        String policySha256, String scope, ObjectNode details) {

    /** The actions of SPEC 6.4, as written in {@code audit_log.action}. */
    public enum Action {
        EXECUTION_STARTED, EXECUTION_FINISHED, APPROVED, REJECTED, PROMOTED, REFUSED;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        details = details == null ? JsonNodeFactory.instance.objectNode() : details.deepCopy();
    }

    /** A fresh, empty details object. */
    public static ObjectNode newDetails() {
        return JsonNodeFactory.instance.objectNode();
    }

    AuditEntry seal(long seq, Instant at, String prevHash) {
        AuditEntry unsealed = new AuditEntry(seq, at, actor, action.text(), executionId, policyId, policyVersion,
                policySha256, scope, PolicyHash.canonicalJson(details), prevHash, null);
        return new AuditEntry(seq, at, actor, action.text(), executionId, policyId, policyVersion, policySha256,
                scope, unsealed.details(), prevHash, unsealed.expectedHash());
    }
}
