package io.traceflux.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.traceflux.SparkTestBase;
import io.traceflux.execution.DriverProcess;
import io.traceflux.execution.ExecutionRecord;
import io.traceflux.policy.Policy;
import io.traceflux.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit entries of re-runs under one execution id: an attempt killed after its start is
 * closed as interrupted before the next attempt starts, and a re-run of an execution someone
 * approved, rejected or promoted is refused, leaving only its refusal.
 */
class ExecutionAuditTest extends SparkTestBase {

    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    static final ExecutionRecord.Counts COUNTS = new ExecutionRecord.Counts(10, 8, 2, 0, 0, 3, 1, 2, 0);

    @TempDir
    Path dir;

    @Test
    void anAttemptKilledAfterItsStartIsClosedAsInterruptedBeforeTheNextStarts() {
        Path warehouse = dir.resolve("wh");
        Policy policy = GovernanceFixture.policy(dir);
        ExecutionAudit audit = ExecutionAudit.of(new Configuration(), new Warehouse(warehouse.toString()));
        ExecutionRecord first = attempt("r1", "alice", policy, 1, List.of());
        audit.started(first);
        // The process dies here: the run history then calls attempt 1 interrupted.
        ExecutionRecord second = attempt("r1", "bob", policy, 2,
                List.of(new ExecutionRecord.PastAttempt(1, "interrupted", T, null, null)));
        audit.started(second);
        audit.finished(second.succeeded(T.plusSeconds(60), COUNTS, false), Optional.empty(), "f".repeat(64));
        audit.started(attempt("r1", "bob", policy, 3, List.of(new ExecutionRecord.PastAttempt(1, "interrupted", T, null,
                null), new ExecutionRecord.PastAttempt(2, "succeeded", T, T.plusSeconds(60), null))));

        AuditLog log = ControlPlane.open(warehouse.toString()).auditLog();
        List<AuditEntry> entries = log.entriesOf("r1");
        assertThat(entries).extracting(e -> e.seq() + " " + e.actor() + " " + e.action() + " "
                + e.detailsJson().get("attempt") + " " + e.detailsJson().path("status").asText("-"))
                .containsExactly("1 alice execution_started 1 -", "2 alice execution_finished 1 interrupted",
                        "3 bob execution_started 2 -", "4 bob execution_finished 2 succeeded",
                        "5 bob execution_started 3 -");
        JsonNode closed = entries.get(1).detailsJson();
        assertThat(closed.get("started_seq").asLong()).isEqualTo(1);
        assertThat(closed.get("recorded_by_attempt").asInt()).isEqualTo(2);
        assertThat(closed.get("recorded_by").asText()).isEqualTo("bob");
        assertThat(entries.get(1).policySha256()).isEqualTo(policy.sha256());
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void aReRunOfAnApprovedExecutionIsRefusedBeforeAndAsItStarts() {
        Path warehouse = dir.resolve("wh");
        Policy policy = GovernanceFixture.policy(dir);
        GovernanceFixture.execution(spark, warehouse, "d1", "enforced", "alice", policy, "region=eu-west", T, true);
        ExecutionAudit audit = ExecutionAudit.of(new Configuration(), new Warehouse(warehouse.toString()));
        ExecutionRecord first = attempt("d1", "alice", policy, 1, List.of());
        audit.started(first);
        audit.finished(first.succeeded(T.plusSeconds(60), COUNTS, true), Optional.empty(), "f".repeat(64));
        ControlPlane plane = ControlPlane.open(warehouse.toString());
        Approve.on(plane).execution("d1").by("bob").execute();

        ExecutionRecord rerun = attempt("d1", "alice", policy, 2,
                List.of(new ExecutionRecord.PastAttempt(1, "succeeded", T, T.plusSeconds(60), null)));
        String message = "execution d1 was approved (audit seq 3): a re-run would replace the results those decisions"
                + " were taken on; replay under a new --execution-id";
        assertThatThrownBy(() -> audit.refuseIfDecided(rerun)).isInstanceOf(GovernanceRefusal.class).hasMessage(message);
        // A decision recorded after that first check still stops the run as its start is appended.
        assertThatThrownBy(() -> audit.started(rerun)).isInstanceOf(GovernanceRefusal.class).hasMessage(message);

        List<AuditEntry> entries = plane.auditLog().entriesOf("d1");
        assertThat(entries).extracting(AuditEntry::action).containsExactly("execution_started", "execution_finished",
                "approved", "refused", "refused");
        JsonNode refused = entries.get(3).detailsJson();
        assertThat(List.of(refused.get("command").asText(), refused.get("check").asText(), entries.get(3).actor()))
                .containsExactly("replay", "decided", "alice");
        assertThat(plane.approvals("d1")).extracting(Approval::approver).containsExactly("bob");
        assertThat(plane.auditLog().verify().intact()).isTrue();
    }

    private static ExecutionRecord attempt(String id, String triggeredBy, Policy policy, int number,
            List<ExecutionRecord.PastAttempt> previous) {
        return ExecutionRecord.running(GovernanceFixture.lineage(id, "enforced", triggeredBy, policy, "region=eu-west", T),
                new ExecutionRecord.Attempt(number, previous, DriverProcess.current()));
    }
}
