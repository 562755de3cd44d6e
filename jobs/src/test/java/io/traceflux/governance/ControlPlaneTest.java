package io.traceflux.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.traceflux.SparkTestBase;
import io.traceflux.warehouse.Table;
import io.traceflux.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernel reads what Spark's writers leave in a table (files replaced by replaceWhere, a
 * checkpoint, a deletion vector) exactly as Spark does, and Spark reads what Kernel appends.
 */
class ControlPlaneTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path warehouse;
    static Policy policy;

    /** Five executions, each written running and then replaced; the log checkpoints every 3 commits. */
    @BeforeAll
    static void fiveExecutions() {
        warehouse = dir.resolve("wh");
        policy = GovernanceFixture.policy(dir);
        spark.sql("CREATE TABLE delta.`" + warehouse.resolve("executions") + "` (" + Table.EXECUTIONS.schema().toDDL()
                + ") USING delta TBLPROPERTIES ('delta.checkpointInterval' = '3')");
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 1; i <= 5; i++) {
            GovernanceFixture.execution(spark, warehouse, "e" + i, i % 2 == 0 ? "enforced" : "dry-run", "alice", policy,
                    "*", t.plusSeconds(3600L * i), i != 5);
        }
    }

    static List<String> sparkRows(String table, String... columns) {
        return spark.read().format("delta").load(warehouse.resolve(table).toString()).selectExpr(columns)
                .collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void readsSparkWrittenExecutionsThroughReplacedFilesAndACheckpoint() throws Exception {
        try (Stream<Path> log = Files.list(warehouse.resolve("executions/_delta_log"))) {
            assertThat(log.map(Path::toString)).anyMatch(f -> f.endsWith(".checkpoint.parquet"));
        }
        ControlPlane plane = ControlPlane.open(warehouse.toString());
        List<ExecutionRow> rows = plane.executions();
        assertThat(rows).extracting(ExecutionRow::id)
                .containsExactly("e5", "e4", "e3", "e2", "e1");
        assertThat(rows.stream().map(r -> "[" + r.id() + "," + r.status() + "," + r.mode() + "]").sorted().toList())
                .isEqualTo(sparkRows("executions", "execution_id", "status", "mode"));
        ExecutionRow e4 = plane.execution("e4").orElseThrow();
        assertThat(e4.columns().keySet()).containsExactly(Table.EXECUTIONS.schema().fieldNames());
        assertThat(e4.get("pending_promotion")).isEqualTo(true);
        assertThat(e4.get("unknown_severity")).isEqualTo(0L);
        assertThat(e4.startedAt()).isEqualTo(Instant.parse("2026-12-01T04:00:00Z"));
        assertThat(plane.parity("e5").orElseThrow().failuresText()).isEqualTo("max_missing_critical actual 1 > 0");
        assertThat(plane.parity(List.of("e1", "e2", "missing")).keySet()).containsExactlyInAnyOrder("e1", "e2");
    }

    @Test
    void readsRowsBehindADeletionVector() {
        Path table = dir.resolve("dv");
        spark.sql("CREATE TABLE delta.`" + table + "` (execution_id STRING, n BIGINT) USING delta "
                + "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        spark.range(0, 100).selectExpr("concat('e', id) as execution_id", "id as n").coalesce(1)
                .write().format("delta").mode("append").save(table.toString());
        DeltaTable.forPath(spark, table.toString()).delete("n % 3 = 0");
        assertThat(spark.read().format("delta").load(table.toString()).inputFiles()).hasSize(1);
        List<Long> kernel = KernelTables.open(dir.toString(), new org.apache.hadoop.conf.Configuration())
                .read("dv", List.of("n"), null).stream().map(r -> (Long) r.get("n")).sorted().toList();
        assertThat(kernel).hasSize(66).doesNotContain(0L, 3L, 99L).contains(1L, 2L, 98L);
    }

    @Test
    void sparkReadsWhatKernelAppends() {
        AuditLog log = ControlPlane.open(warehouse.toString()).auditLog();
        long before = log.head().seq();
        for (int i = 0; i < 12; i++) {
            log.append(AuditVerificationTest.event("bob", "approved"));
        }
        List<String> kernel = log.entries().stream().map(e -> "[" + e.seq() + "," + e.hash() + "," + e.at() + "]")
                .sorted().toList();
        List<String> viaSpark = spark.read().format("delta").load(warehouse.resolve("audit_log").toString())
                .selectExpr("seq", "hash", "date_format(at, \"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'\")").collectAsList().stream()
                .map(Row::toString).map(s -> s.replace(".000Z", "Z")).sorted().toList();
        assertThat(kernel).hasSize((int) before + 12);
        assertThat(viaSpark).containsExactlyInAnyOrderElementsOf(kernel);
    }
}
