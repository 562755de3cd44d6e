package io.traceflux.governance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.execution.ExecutionRecord;
import io.traceflux.parity.GateResult;
import io.traceflux.parity.ParityReport;
import io.traceflux.warehouse.Warehouse;
import java.time.Clock;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The audit entries of a replay execution (SPEC 6.4): {@code execution_started} before its
 * first row is written, {@code execution_finished} when it has succeeded (with its status,
 * gates and the SHA-256 of its evidence bundle's manifest, which binds the artifacts to the
 * record) or failed. Appended with Kernel from the Spark driver, through the session's Hadoop
 * configuration, so the same file systems and credentials serve both.
 */
public final class ExecutionAudit {

    private final AuditLog log;

    ExecutionAudit(AuditLog log) {
        this.log = log;
    }

    public static ExecutionAudit of(SparkSession spark, Warehouse warehouse) {
        return of(spark.sparkContext().hadoopConfiguration(), warehouse);
    }

    public static ExecutionAudit of(Configuration hadoopConf, Warehouse warehouse) {
        return new ExecutionAudit(ControlPlane.open(warehouse.root(), hadoopConf, Clock.systemUTC()).auditLog());
    }

    public AuditEntry started(ExecutionRecord running) {
        ExecutionRecord.Lineage l = running.lineage();
        ObjectNode details = AuditEvent.newDetails();
        details.put("mode", l.mode());
        details.put("capture_id", l.captureId());
        details.put("capture_path", l.capturePath());
        details.put("capture_version", l.captureVersion());
        details.put("baseline", l.baseline());
        details.put("window_start", String.valueOf(l.windowStart()));
        details.put("window_end", String.valueOf(l.windowEnd()));
        details.put("reason", l.reason());
        details.put("code_version", l.codeVersion());
        return log.append(event(l, AuditEvent.Action.EXECUTION_STARTED, details));
    }

    /**
     * @param manifestSha256 the bundle manifest's {@code manifest_sha256}; null when no bundle
     *                       was written (a failed run)
     */
    public AuditEntry finished(ExecutionRecord record, Optional<ParityReport> parity, String manifestSha256) {
        ObjectNode details = AuditEvent.newDetails();
        details.put("status", record.status());
        details.put("mode", record.lineage().mode());
        details.put("pending_promotion", record.pendingPromotion());
        if (record.counts() != null) {
            details.put("selected_rows", record.counts().selectedRows());
            details.put("incidents", record.counts().incidents());
            details.put("unknown_severity", record.counts().unknownSeverity());
        }
        parity.ifPresentOrElse(p -> {
            details.put("gates_passed", p.gatesPassed());
            ArrayNode gates = details.putArray("gates");
            for (GateResult g : p.gates()) {
                gates.addObject().put("name", g.name()).put("threshold", g.threshold()).put("actual", g.actual())
                        .put("passed", g.passed());
            }
        }, () -> details.putNull("gates_passed"));
        details.put("bundle_manifest_sha256", manifestSha256);
        if (record.error() != null) {
            details.put("error", record.error());
        }
        return log.append(event(record.lineage(), AuditEvent.Action.EXECUTION_FINISHED, details));
    }

    private static AuditEvent event(ExecutionRecord.Lineage l, AuditEvent.Action action, ObjectNode details) {
        return new AuditEvent(l.triggeredBy(), action, l.executionId(), l.policyId(), l.policyVersion(),
                l.policySha256(), l.scope(), details);
    }
}
