package io.traceflux.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One promotion of a policy version to a scope (SPEC 6.3; a row of {@code promotions}, the
 * active-policy registry).
 *
 * @param supersedes ids of older promotions of the same policy whose scope this one overlaps
 * @param auditSeq   the audit entry that recorded it
 */
public record Promotion(String promotionId, String policyId, int policyVersion, String policySha256, String scope,
        String executionId, String promotedBy, Instant promotedAt, List<String> supersedes, long auditSeq) {

    public Promotion {
        supersedes = List.copyOf(supersedes);
    }

    /** {@code id@vN}. */
    public String ref() {
        return policyId + "@v" + policyVersion;
    }

    /** What the {@code promoted} audit entry adds to its own columns. */
    ObjectNode details() {
        ObjectNode d = AuditEvent.newDetails();
        d.put("promotion_id", promotionId);
        ArrayNode list = d.putArray("supersedes");
        supersedes.forEach(list::add);
        return d;
    }

    /** The promotion a {@code promoted} audit entry records. */
    static Promotion of(AuditEntry e) {
        ObjectNode d = e.detailsJson();
        List<String> supersedes = new ArrayList<>();
        for (JsonNode id : d.path("supersedes")) {
            supersedes.add(id.asText());
        }
        return new Promotion(d.path("promotion_id").asText(), e.policyId(),
                e.policyVersion() == null ? 0 : e.policyVersion(), e.policySha256(), e.scope(), e.executionId(),
                e.actor(), e.at(), supersedes, e.seq());
    }

    Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        row.put("promotion_id", promotionId);
        row.put("policy_id", policyId);
        row.put("policy_version", policyVersion);
        row.put("policy_sha256", policySha256);
        row.put("scope", scope);
        row.put("execution_id", executionId);
        row.put("promoted_by", promotedBy);
        row.put("promoted_at", promotedAt);
        row.put("supersedes", supersedes);
        row.put("audit_seq", auditSeq);
        return row;
    }
}
