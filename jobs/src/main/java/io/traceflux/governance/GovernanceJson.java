package io.traceflux.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * JSON of the control-plane values, with the table's column names as keys and timestamps as
 * ISO-8601 UTC text: what {@code --json} prints and the evidence bundle's governance.json holds.
 */
public final class GovernanceJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GovernanceJson() {
    }

    public static ObjectNode approval(Approval a) {
        ObjectNode n = F.objectNode();
        n.put("execution_id", a.executionId());
        n.put("approver", a.approver());
        n.put("decision", a.decision());
        n.put("scope", a.scope());
        n.put("comment", a.comment());
        n.put("at", text(a.at()));
        n.put("policy_sha256", a.policySha256());
        n.put("audit_seq", a.auditSeq());
        return n;
    }

    public static ObjectNode promotion(Promotion p) {
        ObjectNode n = F.objectNode();
        n.put("promotion_id", p.promotionId());
        n.put("policy_id", p.policyId());
        n.put("policy_version", p.policyVersion());
        n.put("policy_sha256", p.policySha256());
        n.put("scope", p.scope());
        n.put("execution_id", p.executionId());
        n.put("promoted_by", p.promotedBy());
        n.put("promoted_at", text(p.promotedAt()));
        ArrayNode s = n.putArray("supersedes");
        p.supersedes().forEach(s::add);
        n.put("audit_seq", p.auditSeq());
        return n;
    }

    public static ObjectNode auditEntry(AuditEntry e) {
        ObjectNode n = F.objectNode();
        n.put("seq", e.seq());
        n.put("at", text(e.at()));
        n.put("actor", e.actor());
        n.put("action", e.action());
        n.put("execution_id", e.executionId());
        n.put("policy_id", e.policyId());
        n.put("policy_version", e.policyVersion());
        n.put("policy_sha256", e.policySha256());
        n.put("scope", e.scope());
        n.set("details", e.detailsJson());
        n.put("prev_hash", e.prevHash());
        n.put("hash", e.hash());
        return n;
    }

    public static ObjectNode parity(ParityHeadline p) {
        ObjectNode n = F.objectNode();
        n.put("baseline_incidents", p.baselineIncidents());
        n.put("replay_incidents", p.replayIncidents());
        ObjectNode classes = n.putObject("classes");
        p.classes().forEach(classes::put);
        n.put("incident_parity", p.incidentParity());
        n.put("bcubed_f1", p.bcubedF1());
        n.put("confidence", p.confidence());
        n.put("gates_passed", p.gatesPassed());
        ArrayNode gates = n.putArray("gates");
        for (ParityHeadline.Gate g : p.gates()) {
            gates.addObject().put("name", g.name()).put("threshold", g.threshold()).put("actual", g.actual())
                    .put("passed", g.passed());
        }
        return n;
    }

    /** The governance record of one execution. */
    public static ObjectNode record(GovernanceRecord r) {
        ObjectNode n = F.objectNode();
        n.put("execution_id", r.executionId());
        ArrayNode approvals = n.putArray("approvals");
        r.approvals().forEach(a -> approvals.add(approval(a)));
        ArrayNode promotions = n.putArray("promotions");
        r.promotions().forEach(p -> promotions.add(promotion(p)));
        ArrayNode audit = n.putArray("audit_entries");
        r.auditEntries().forEach(e -> audit.add(auditEntry(e)));
        return n;
    }

    /** Every column of an executions row, in table order. */
    public static ObjectNode execution(ExecutionRow e) {
        ObjectNode n = F.objectNode();
        e.columns().forEach((k, v) -> n.set(k, value(v)));
        return n;
    }

    static JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        } else if (v instanceof String s) {
            return F.textNode(s);
        } else if (v instanceof Long l) {
            return F.numberNode(l);
        } else if (v instanceof Integer i) {
            return F.numberNode(i);
        } else if (v instanceof Double d) {
            return F.numberNode(d);
        } else if (v instanceof Boolean b) {
            return F.booleanNode(b);
        } else if (v instanceof Instant i) {
            return F.textNode(i.toString());
        } else if (v instanceof List<?> list) {
            ArrayNode a = F.arrayNode();
            list.forEach(x -> a.add(value(x)));
            return a;
        } else if (v instanceof Map<?, ?> map) {
            ObjectNode o = F.objectNode();
            map.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
            return o;
        }
        return F.textNode(v.toString());
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
