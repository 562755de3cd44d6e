package io.traceflux.governance;

import java.util.List;

/**
 * What governance recorded about one execution: its approvals and rejections, the promotions
 * made from it, and every audit entry that names it, oldest first. The evidence bundle and
 * {@code executions show} render it.
 */
public record GovernanceRecord(String executionId, List<Approval> approvals, List<Promotion> promotions,
        List<AuditEntry> auditEntries) {

    public GovernanceRecord {
        approvals = List.copyOf(approvals);
        promotions = List.copyOf(promotions);
        auditEntries = List.copyOf(auditEntries);
    }

    /** Reads the record from the audit log (one scan of the execution's entries). */
    public static GovernanceRecord of(ControlPlane plane, String executionId) {
        List<AuditEntry> entries = plane.auditLog().entriesOf(executionId);
        List<Approval> approvals = entries.stream().filter(e -> e.action().equals(AuditEvent.Action.APPROVED.text())
                || e.action().equals(AuditEvent.Action.REJECTED.text())).map(Approval::of).toList();
        List<Promotion> promotions = entries.stream()
                .filter(e -> e.action().equals(AuditEvent.Action.PROMOTED.text())).map(Promotion::of).toList();
        return new GovernanceRecord(executionId, approvals, promotions, entries);
    }

    /**
     * The decisions taken on the execution only: without its own {@code execution_started} and
     * {@code execution_finished} entries. The evidence bundle holds this part, since the
     * finished entry carries the hash of the bundle's manifest and cannot be inside it; so a
     * replay's bundle and one rewritten later from the tables stay byte for byte the same
     * until a decision is recorded.
     */
    public GovernanceRecord decisions() {
        return new GovernanceRecord(executionId, approvals, promotions, auditEntries.stream()
                .filter(e -> !e.action().equals(AuditEvent.Action.EXECUTION_STARTED.text())
                        && !e.action().equals(AuditEvent.Action.EXECUTION_FINISHED.text()))
                .toList());
    }

    public boolean isEmpty() {
        return auditEntries.isEmpty();
    }
}
