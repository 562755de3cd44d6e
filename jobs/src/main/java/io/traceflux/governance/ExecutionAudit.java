package io.traceflux.governance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.execution.ExecutionRecord;
import io.traceflux.parity.GateResult;
import io.traceflux.parity.ParityReport;
import io.traceflux.warehouse.Warehouse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The audit entries of a replay execution (SPEC 6.4): {@code execution_started} before its
 * first row is written, {@code execution_finished} when it has succeeded (with its status,
 * gates and the SHA-256 of its evidence bundle's manifest, which binds the artifacts to the
 * record) or failed. Appended with Kernel from the Spark driver, through the session's Hadoop
 * configuration, so the same file systems and credentials serve both.
 *
 * <p>Each entry names its attempt. A re-run of an execution id whose last attempt has a start
 * and no finish (its process was killed) first closes that attempt with an
 * {@code execution_finished} entry of the status the run history gives it ({@code interrupted}),
 * so that every start in the log has its finish. A re-run of an execution that was approved,
 * rejected or promoted is refused ({@link #refuseIfDecided}): those decisions were taken on the
 * results of an earlier attempt, which a re-run would replace.
 */
public final class ExecutionAudit {

    /** The actions that decide on an execution's results. */
    private static final Set<String> DECISIONS = Set.of(AuditEvent.Action.APPROVED.text(),
            AuditEvent.Action.REJECTED.text(), AuditEvent.Action.PROMOTED.text());

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

    /**
     * Refuses a re-run (attempt 2 or later) of an execution that has approvals, rejections or
     * promotions on record: appends the {@code refused} entry and throws {@link GovernanceRefusal}.
     * Called before the run writes anything, and again as its start is appended.
     */
    public void refuseIfDecided(ExecutionRecord running) {
        Optional<Refused> refused = decided(running);
        if (refused.isPresent()) {
            log.append(refusal(running, refused.get()));
            throw new GovernanceRefusal(refused.get().check(), refused.get().message());
        }
    }

    /**
     * Appends {@code execution_started}, after closing an earlier attempt that never finished.
     * The decisions are checked again in the same conditional append: one recorded since
     * {@link #refuseIfDecided} ran refuses the run instead of starting it.
     */
    public AuditEntry started(ExecutionRecord running) {
        closeUnfinished(running);
        Refused[] refused = new Refused[1];
        AuditEntry entry = log.append(head -> {
            refused[0] = decided(running).orElse(null);
            return refused[0] != null ? refusal(running, refused[0]) : startedEvent(running);
        });
        if (refused[0] != null) {
            throw new GovernanceRefusal(refused[0].check(), refused[0].message());
        }
        return entry;
    }

    private AuditEvent startedEvent(ExecutionRecord running) {
        ExecutionRecord.Lineage l = running.lineage();
        ObjectNode details = AuditEvent.newDetails();
        details.put("attempt", running.attempt().number());
        details.put("mode", l.mode());
        details.put("capture_id", l.captureId());
        details.put("capture_path", l.capturePath());
        details.put("capture_version", l.captureVersion());
        details.put("baseline", l.baseline());
        details.put("window_start", String.valueOf(l.windowStart()));
        details.put("window_end", String.valueOf(l.windowEnd()));
        details.put("reason", l.reason());
        details.put("code_version", l.codeVersion());
        return event(l, AuditEvent.Action.EXECUTION_STARTED, details);
    }

    /**
     * The decisions on record for the execution id of a re-run, as a refusal; empty for a first
     * attempt or an execution nobody decided on.
     */
    private Optional<Refused> decided(ExecutionRecord running) {
        if (running.attempt().number() < 2) {
            return Optional.empty();
        }
        String id = running.lineage().executionId();
        List<AuditEntry> decisions = log.entriesOf(id).stream().filter(ExecutionAudit::isDecision).toList();
        if (decisions.isEmpty()) {
            return Optional.empty();
        }
        String what = decisions.stream().map(AuditEntry::action).distinct().collect(Collectors.joining(" and "));
        String seqs = decisions.stream().map(e -> String.valueOf(e.seq())).collect(Collectors.joining(", "));
        return Optional.of(new Refused("decided", "execution " + id + " was " + what + " (audit seq " + seqs
                + "): a re-run would replace the results those decisions were taken on; replay under a new --execution-id"));
    }

    private static boolean isDecision(AuditEntry e) {
        return DECISIONS.contains(e.action());
    }

    private static AuditEvent refusal(ExecutionRecord running, Refused refused) {
        ExecutionRecord.Lineage l = running.lineage();
        return Refusals.event(l.triggeredBy(), "replay", l.executionId(), l.policyId(), l.policyVersion(),
                l.policySha256(), l.scope(), refused);
    }

    /**
     * Appends the missing {@code execution_finished} of the attempt before {@code running} when
     * the log's last execution entry for the id is that attempt's start: its process died after
     * the start was recorded. The entry repeats the start's actor and policy, takes its status
     * (interrupted, or abandoned when the driver's host cannot tell) from the run history, and
     * names the attempt that found it.
     */
    private void closeUnfinished(ExecutionRecord running) {
        List<ExecutionRecord.PastAttempt> previous = running.attempt().previous();
        if (previous.isEmpty()) {
            return;
        }
        ExecutionRecord.PastAttempt last = previous.get(previous.size() - 1);
        Optional<AuditEntry> unfinished = log.entriesOf(running.lineage().executionId()).stream()
                .filter(e -> e.action().startsWith("execution_"))
                .reduce((a, b) -> b)
                .filter(e -> e.action().equals(AuditEvent.Action.EXECUTION_STARTED.text()))
                .filter(e -> !e.detailsJson().has("attempt") || e.detailsJson().get("attempt").asInt() == last.attempt());
        unfinished.ifPresent(start -> {
            ObjectNode details = AuditEvent.newDetails();
            details.put("attempt", last.attempt());
            details.put("status", last.status());
            details.put("started_seq", start.seq());
            details.put("recorded_by_attempt", running.attempt().number());
            details.put("recorded_by", running.lineage().triggeredBy());
            if (last.error() != null) {
                details.put("error", last.error());
            }
            log.append(new AuditEvent(start.actor(), AuditEvent.Action.EXECUTION_FINISHED, start.executionId(),
                    start.policyId(), start.policyVersion(), start.policySha256(), start.scope(), details));
        });
    }

    /**
     * @param manifestSha256 the bundle manifest's {@code manifest_sha256}; null when no bundle
     *                       was written (a failed run)
     */
    public AuditEntry finished(ExecutionRecord record, Optional<ParityReport> parity, String manifestSha256) {
        ObjectNode details = AuditEvent.newDetails();
        details.put("attempt", record.attempt().number());
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
