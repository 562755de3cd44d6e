package io.traceflux.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One approval or rejection of an execution (SPEC 6.2; a row of {@code approvals}).
 *
 * @param decision  {@value #APPROVED} or {@value #REJECTED}
 * @param scope     the approved scope, within the execution's
 * @param auditSeq  the audit entry that recorded it
 */
public record Approval(String executionId, String approver, String decision, String scope, String comment,
        Instant at, String policySha256, String policyId, Integer policyVersion, long auditSeq) {

    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    public boolean approved() {
        return APPROVED.equals(decision);
    }

    /** The approval an {@code approved} or {@code rejected} audit entry records. */
    static Approval of(AuditEntry e) {
        ObjectNode d = e.detailsJson();
        return new Approval(e.executionId(), e.actor(), e.action(), e.scope(),
                d.hasNonNull("comment") ? d.get("comment").asText() : null, e.at(), e.policySha256(), e.policyId(),
                e.policyVersion(), e.seq());
    }

    Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        row.put("execution_id", executionId);
        row.put("approver", approver);
        row.put("decision", decision);
        row.put("scope", scope);
        row.put("comment", comment);
        row.put("at", at);
        row.put("policy_sha256", policySha256);
        row.put("policy_id", policyId);
        row.put("policy_version", policyVersion);
        row.put("audit_seq", auditSeq);
        return row;
    }
}
