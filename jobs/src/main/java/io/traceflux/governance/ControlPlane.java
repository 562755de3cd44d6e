package io.traceflux.governance;

import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.traceflux.warehouse.Table;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * The control plane of a warehouse, read and written without a SparkSession: the
 * {@code executions} and {@code parity_report} rows the replay job wrote, and the governance
 * tables (approvals, promotions, audit_log).
 *
 * <p>The audit log is the system of record. An approval or promotion is decided against the
 * log's entries and committed as one conditional append to it; its {@code approvals} or
 * {@code promotions} row follows, and a row a crash left unwritten is written by the next
 * command that approves or promotes ({@link #syncApprovals}, {@link #syncPromotions}). A row in those tables without its audit entry is never counted.
 */
public final class ControlPlane {

    public static final String EXECUTIONS = Table.EXECUTIONS.tableName();
    public static final String PARITY_REPORT = Table.PARITY_REPORT.tableName();

    private final KernelTables tables;
    private final AuditLog auditLog;
    private final Clock clock;

    private ControlPlane(KernelTables tables, Clock clock) {
        this.tables = tables;
        this.clock = clock;
        this.auditLog = new AuditLog(tables, clock);
    }

    /** The warehouse at {@code root} with a fresh Hadoop configuration (what a command line has). */
    public static ControlPlane open(String root) {
        return open(root, new Configuration(), Clock.systemUTC());
    }

    /** The warehouse at {@code root} with a Spark session's (or any) Hadoop configuration. */
    public static ControlPlane open(String root, Configuration hadoopConf, Clock clock) {
        return new ControlPlane(KernelTables.open(root, hadoopConf), clock);
    }

    public String root() {
        return tables.root();
    }

    public String tablePath(String table) {
        return tables.path(table);
    }

    Clock clock() {
        return clock;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    /** Whether the warehouse has an executions table at all. */
    public boolean hasExecutions() {
        return tables.exists(EXECUTIONS);
    }

    /** One execution with every recorded column, or empty when there is no such row. */
    public Optional<ExecutionRow> execution(String executionId) {
        List<String> all = tables.snapshotColumns(EXECUTIONS);
        return tables.read(EXECUTIONS, all, RowFilter.equal("execution_id", executionId)).stream()
                .findFirst().map(ExecutionRow::new);
    }

    /** Every execution's summary columns ({@link ExecutionRow#SUMMARY}), newest first. */
    public List<ExecutionRow> executions() {
        List<ExecutionRow> rows = new ArrayList<>(tables.read(EXECUTIONS, ExecutionRow.SUMMARY, null).stream()
                .map(ExecutionRow::new).toList());
        rows.sort(Comparator.comparing(ExecutionRow::startedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ExecutionRow::id));
        return rows;
    }

    /** The parity headline of one execution; empty without a parity_report row. */
    public Optional<ParityHeadline> parity(String executionId) {
        return parity(List.of(executionId)).values().stream().findFirst();
    }

    /** The parity headlines of some executions, by execution id. */
    public Map<String, ParityHeadline> parity(Collection<String> executionIds) {
        Map<String, ParityHeadline> byId = new LinkedHashMap<>();
        if (!executionIds.isEmpty()) {
            tables.read(PARITY_REPORT, ParityHeadline.COLUMNS, RowFilter.anyOf("execution_id", executionIds))
                    .forEach(r -> byId.put((String) r.get("execution_id"), ParityHeadline.of(r)));
        }
        return byId;
    }

    /** The approvals and rejections of one execution, oldest first, as the audit log records them. */
    public List<Approval> approvals(String executionId) {
        return auditLog.entriesOf(executionId).stream().filter(ControlPlane::isDecision).map(Approval::of).toList();
    }

    /** Every approval and rejection recorded, oldest first. */
    public List<Approval> approvals() {
        return auditLog.entriesWith(AuditEvent.Action.APPROVED, AuditEvent.Action.REJECTED).stream()
                .map(Approval::of).toList();
    }

    /** Every promotion recorded, oldest first. */
    public List<Promotion> promotions() {
        return auditLog.entriesWith(AuditEvent.Action.PROMOTED).stream().map(Promotion::of).toList();
    }

    /** Writes the approvals rows that the audit log has and the table lacks. */
    void syncApprovals() {
        sync(GovernanceTables.APPROVALS, GovernanceTables.APPROVALS_SCHEMA, GovernanceTables.APPROVALS_STATS,
                () -> approvals().stream()
                        .collect(Collectors.toMap(Approval::auditSeq, Approval::row, (a, b) -> a)));
    }

    /** Writes the promotions rows that the audit log has and the table lacks. */
    void syncPromotions() {
        sync(GovernanceTables.PROMOTIONS, GovernanceTables.PROMOTIONS_SCHEMA, GovernanceTables.PROMOTIONS_STATS,
                () -> promotions().stream()
                        .collect(Collectors.toMap(Promotion::auditSeq, Promotion::row, (a, b) -> a)));
    }

    /**
     * Appends each row (by audit seq) the table lacks as its own commit, marked with the
     * transaction identifier {@code traceflux.audit_log.<seq>}: two commands writing the row of
     * the same entry at once cannot both commit it, so no row is ever doubled.
     */
    private void sync(String table, io.delta.kernel.types.StructType schema, List<String> stats,
            Supplier<Map<Long, Map<String, Object>>> recorded) {
        Map<Long, Map<String, Object>> rows = new java.util.TreeMap<>(recorded.get());
        rows.keySet().removeAll(auditSeqs(table));
        rows.forEach((seq, row) -> {
            try {
                tables.append(table, schema, List.of(row), stats,
                        Optional.of(new KernelTables.TxnId(AuditLog.APP_ID + "." + seq, 1)));
            } catch (ConcurrentWriteException e) {
                // Another command wrote this entry's row first.
            }
        });
    }

    private Set<Long> auditSeqs(String table) {
        Set<Long> seqs = new HashSet<>();
        tables.read(table, List.of("audit_seq"), null)
                .forEach(r -> seqs.add(r.get("audit_seq") == null ? -1 : ((Number) r.get("audit_seq")).longValue()));
        return seqs;
    }

    private static boolean isDecision(AuditEntry e) {
        return e.action().equals(AuditEvent.Action.APPROVED.text()) || e.action().equals(AuditEvent.Action.REJECTED.text());
    }
}
