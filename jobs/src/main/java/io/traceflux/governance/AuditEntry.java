package io.traceflux.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.bundle.Sha256;
import io.traceflux.policy.PolicyHash;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of {@code audit_log} (SPEC 6.4). {@code hash} is the lower-case hex SHA-256 of
 * {@code prev_hash}, a line break, and the canonical JSON (SPEC 3: sorted keys, no whitespace)
 * of every other column, with {@code at} as ISO-8601 UTC text and {@code details} as the JSON
 * text it is stored as; the first entry's {@code prev_hash} is {@link #GENESIS}.
 *
 * @param details JSON text (canonical when written here)
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String executionId, String policyId,
        Integer policyVersion, String policySha256, String scope, String details, String prevHash, String hash) {

    /** The {@code prev_hash} of seq 1. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The text the hash covers after {@code prev_hash} and a line break. */
    public String canonicalBody() {
        return canonicalBody(seq);
    }

    /** The same body as if the entry had sequence number {@code asSeq} (to recognise a moved entry). */
    String canonicalBody(long asSeq) {
        ObjectNode body = JSON.createObjectNode();
        body.put("seq", asSeq);
        body.put("at", at == null ? null : at.toString());
        body.put("actor", actor);
        body.put("action", action);
        body.put("execution_id", executionId);
        body.put("policy_id", policyId);
        body.put("policy_version", policyVersion);
        body.put("policy_sha256", policySha256);
        body.put("scope", scope);
        body.put("details", details);
        return PolicyHash.canonicalJson(body);
    }

    /** The hash this entry must have, given its own {@code prev_hash}. */
    public String expectedHash() {
        return hashOf(prevHash, canonicalBody());
    }

    static String hashOf(String prevHash, String body) {
        return Sha256.hex((prevHash + "\n" + body).getBytes(StandardCharsets.UTF_8));
    }

    /** The row as {@link GovernanceTables#AUDIT_LOG_SCHEMA} holds it. */
    Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        row.put("seq", seq);
        row.put("at", at);
        row.put("actor", actor);
        row.put("action", action);
        row.put("execution_id", executionId);
        row.put("policy_id", policyId);
        row.put("policy_version", policyVersion);
        row.put("policy_sha256", policySha256);
        row.put("scope", scope);
        row.put("details", details);
        row.put("prev_hash", prevHash);
        row.put("hash", hash);
        return row;
    }

    static AuditEntry of(Map<String, Object> row) {
        Object seq = row.get("seq");
        Object version = row.get("policy_version");
        return new AuditEntry(seq == null ? -1 : ((Number) seq).longValue(), (Instant) row.get("at"),
                (String) row.get("actor"), (String) row.get("action"), (String) row.get("execution_id"),
                (String) row.get("policy_id"), version == null ? null : ((Number) version).intValue(),
                (String) row.get("policy_sha256"), (String) row.get("scope"), (String) row.get("details"),
                (String) row.get("prev_hash"), (String) row.get("hash"));
    }

    /** The parsed details, or an empty object when they are not JSON. */
    public ObjectNode detailsJson() {
        try {
            return details == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(details);
        } catch (java.io.IOException | ClassCastException e) {
            return JSON.createObjectNode();
        }
    }
}
