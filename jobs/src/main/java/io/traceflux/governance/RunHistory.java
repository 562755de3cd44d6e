package io.traceflux.governance;

import io.traceflux.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run history (SPEC 7.1 {@code executions list|show}), read from the warehouse without
 * Spark: executions newest first with their parity headline, gates, approvals and promotion
 * state, or everything recorded about one.
 */
public final class RunHistory {

    /** Listing filters; null means no filter. */
    public record Query(String policyId, String status, Instant since, int limit) {
    }

    /**
     * One execution as the listing shows it.
     *
     * @param promotion {@code promoted}, {@code pending} (asked for by an enforced run whose
     *                  gates passed, not yet promoted) or {@code -}
     */
    public record Listed(ExecutionRow execution, Optional<ParityHeadline> parity, List<Approval> approvals,
            String promotion) {
    }

    /** Everything recorded about one execution. */
    public record Shown(ExecutionRow execution, Optional<ParityHeadline> parity, GovernanceRecord governance,
            String bundlePath) {
    }

    private final ControlPlane plane;

    public RunHistory(ControlPlane plane) {
        this.plane = plane;
    }

    public List<Listed> list(Query q) {
        requireExecutions();
        List<ExecutionRow> rows = plane.executions().stream()
                .filter(e -> q.policyId() == null || q.policyId().equals(e.policyId()) || q.policyId().equals(e.policyRef()))
                .filter(e -> q.status() == null || q.status().equals(e.state()))
                .filter(e -> q.since() == null || (e.startedAt() != null && !e.startedAt().isBefore(q.since())))
                .limit(q.limit()).toList();
        List<String> ids = rows.stream().map(ExecutionRow::id).toList();
        Map<String, ParityHeadline> parity = plane.parity(ids);
        Map<String, List<Approval>> approvals = new HashMap<>();
        plane.approvals().forEach(a -> approvals.computeIfAbsent(a.executionId(), k -> new ArrayList<>()).add(a));
        java.util.Set<String> promoted = new java.util.HashSet<>();
        plane.promotions().forEach(p -> promoted.add(p.executionId()));
        return rows.stream().map(e -> new Listed(e, Optional.ofNullable(parity.get(e.id())),
                approvals.getOrDefault(e.id(), List.of()),
                promoted.contains(e.id()) ? "promoted" : Boolean.TRUE.equals(e.pendingPromotion()) ? "pending" : "-"))
                .toList();
    }

    public Shown show(String executionId) {
        requireExecutions();
        ExecutionRow e = plane.execution(executionId).orElseThrow(() -> new InvalidInputException(
                "unknown execution '" + executionId + "': no row in " + plane.tablePath(ControlPlane.EXECUTIONS)));
        return new Shown(e, plane.parity(executionId), GovernanceRecord.of(plane, executionId),
                new io.traceflux.warehouse.Warehouse(plane.root()).bundlePath(executionId));
    }

    private void requireExecutions() {
        if (!plane.hasExecutions()) {
            throw new InvalidInputException("no executions table at " + plane.tablePath(ControlPlane.EXECUTIONS)
                    + ": nothing has run against this warehouse");
        }
    }
}
