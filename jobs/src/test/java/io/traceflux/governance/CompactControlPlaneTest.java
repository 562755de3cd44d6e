package io.traceflux.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.SparkTestBase;
import io.traceflux.policy.Policy;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction rewrites the control-plane tables into one file each once they reach the
 * threshold, and nothing a reader sees changes: the same executions, parity rows, approvals
 * and audit entries, an intact chain, and writers that go on appending and replacing after it.
 * The tests are steps of one warehouse's life, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompactControlPlaneTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path warehouse;
    static Policy policy;

    /** Four executions (each row written running, then replaced) and two approvals of each enforced one. */
    @BeforeAll
    static void fourExecutions() {
        warehouse = dir.resolve("wh");
        policy = GovernanceFixture.policy(dir);
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 1; i <= 4; i++) {
            GovernanceFixture.execution(spark, warehouse, "e" + i, i % 2 == 0 ? "enforced" : "dry-run", "alice", policy,
                    "*", t.plusSeconds(3600L * i), true);
        }
        ControlPlane plane = plane();
        for (String id : List.of("e2", "e4")) {
            Approve.on(plane).execution(id).by("bob").execute();
            Approve.on(plane).execution(id).by("carol").execute();
        }
    }

    static ControlPlane plane() {
        return ControlPlane.open(warehouse.toString());
    }

    static KernelTables kernel() {
        return KernelTables.open(warehouse.toString(), spark.sparkContext().hadoopConfiguration());
    }

    /** What the control-plane commands read, as text, to compare before and after. */
    static List<String> seen(ControlPlane plane) {
        List<String> rows = new java.util.ArrayList<>();
        plane.executions().forEach(e -> rows.add("execution " + e.columns()));
        plane.parity(List.of("e1", "e2", "e3", "e4")).forEach((id, p) -> rows.add("parity " + id + " " + p));
        plane.approvals().forEach(a -> rows.add("approval " + a));
        plane.auditLog().entries().forEach(e -> rows.add("audit " + e));
        return rows.stream().sorted().toList();
    }

    @Test
    @Order(2)
    void compactsTablesAtTheThresholdIntoOneFileAndReadersSeeTheSameRows() {
        List<String> before = seen(plane());
        KernelTables kernel = kernel();
        int approvalFiles = kernel.fileCount(Table.APPROVALS.tableName());
        int auditFiles = kernel.fileCount(Table.AUDIT_LOG.tableName());
        assertThat(kernel.fileCount(Table.EXECUTIONS.tableName())).isEqualTo(4);
        assertThat(approvalFiles).isEqualTo(4);
        assertThat(auditFiles).isEqualTo(4);

        CompactControlPlane.Result result = CompactControlPlane.on(spark, new Warehouse(warehouse.toString()))
                .minFiles(4).execute();

        assertThat(result.compacted()).isEqualTo(Map.of(Table.EXECUTIONS, 4, Table.PARITY_REPORT, 4,
                Table.APPROVALS, 4, Table.AUDIT_LOG, 4));
        assertThat(result.leftForLater()).isEmpty();
        for (Table t : List.of(Table.EXECUTIONS, Table.PARITY_REPORT, Table.APPROVALS, Table.AUDIT_LOG)) {
            assertThat(kernel().fileCount(t.tableName())).as(t.tableName()).isEqualTo(1);
        }
        ControlPlane after = plane();
        assertThat(seen(after)).isEqualTo(before);
        AuditVerification v = after.auditLog().verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
    }

    @Test
    @Order(3)
    void writersGoOnAfterACompaction() {
        GovernanceFixture.execution(spark, warehouse, "e2", "enforced", "alice", policy, "*",
                Instant.parse("2026-12-02T00:00:00Z"), true);
        Approve.on(plane()).execution("e4").by("dave").execute();

        ControlPlane plane = plane();
        assertThat(plane.executions()).extracting(ExecutionRow::id).containsExactlyInAnyOrder("e1", "e2", "e3", "e4");
        assertThat(plane.approvals("e4")).extracting(Approval::approver).containsExactlyInAnyOrder("bob", "carol",
                "dave");
        AuditVerification v = plane.auditLog().verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
    }

    @Test
    @Order(1)
    void leavesTablesBelowTheThresholdAlone() {
        int files = kernel().fileCount(Table.EXECUTIONS.tableName());
        CompactControlPlane.Result result = CompactControlPlane.on(spark, new Warehouse(warehouse.toString()))
                .execute();
        assertThat(result.compacted()).isEmpty();
        assertThat(kernel().fileCount(Table.EXECUTIONS.tableName())).isEqualTo(files);
    }

    @Test
    @Order(4)
    void refusesAThresholdBelowTwo() {
        assertThatThrownBy(() -> CompactControlPlane.on(spark, new Warehouse(warehouse.toString())).minFiles(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minFiles must be at least 2, got 1");
    }
}
