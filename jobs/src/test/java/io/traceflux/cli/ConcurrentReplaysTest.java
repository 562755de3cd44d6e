package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.ChildJvm;
import io.traceflux.warehouse.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays with different execution ids started at the same moment in separate JVMs, on one
 * warehouse: two on a fresh warehouse (every table created by whichever comes first), then
 * four on the existing one, one of them re-running an id (a replace beside the others'
 * appends). Every one succeeds and each execution's tables hold exactly what a run alone
 * writes.
 */
class ConcurrentReplaysTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path capture;
    static Path policies;
    static Path warehouse;
    static Path alone;

    @BeforeAll
    static void aloneRun() {
        capture = CaptureFixture.parquet(dir.resolve("cap"), "cap-1", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                ReplayCommandTest.edgeSignals().add("e", seconds(1200)).build(spark));
        policies = CaptureFixture.policy(dir, "edge", 1, ReplayCommandTest.POLICY);
        CaptureFixture.policy(dir, "edge", 2, ReplayCommandTest.POLICY.replace("version: 1", "version: 2")
                .replace("gap: 2m", "gap: 20s"));
        warehouse = dir.resolve("shared");
        alone = dir.resolve("alone");
        assertThat(Main.run(args(alone, "alone"))).isZero();
    }

    static String[] args(Path wh, String id) {
        return new String[] {"replay", "--capture", capture.toString(), "--policy", "edge@v2", "--policies",
                policies.toString(), "--baseline", "policy:edge@v1", "--warehouse", wh.toString(),
                "--execution-id", id};
    }

    @Test
    void twoOnAFreshWarehouseThenTwoOnTheExistingOneAllSucceedWithCompleteOutputs() throws Exception {
        runTogether(List.of("c1", "c2"));
        // One new execution beside a re-run of an existing one; the soak runs four at once.
        runTogether(Boolean.getBoolean("traceflux.soak") ? List.of("c3", "c4", "c5", "c1") : List.of("c3", "c1"));

        List<String> ids = Boolean.getBoolean("traceflux.soak") ? List.of("c1", "c2", "c3", "c4", "c5")
                : List.of("c1", "c2", "c3");
        for (String id : ids) {
            for (Table table : Table.REPLAY_OUTPUTS) {
                assertThat(rows(warehouse, table, id)).as(id + " " + table.tableName())
                        .isEqualTo(rows(alone, table, "alone"));
            }
            assertThat(spark.read().format("delta").load(warehouse.resolve("executions").toString())
                    .filter("execution_id = '" + id + "'").select("status").collectAsList())
                    .extracting(r -> r.getString(0)).containsExactly("succeeded");
        }
    }

    private static void runTogether(List<String> ids) throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        for (String id : ids) {
            children.add(ChildJvm.start(args(warehouse, id)));
        }
        for (ChildJvm child : children) {
            assertThat(child.waitFor(600)).as(child.stderr()).isZero();
        }
    }

    /** The execution's rows as sorted text, its id replaced, so two executions compare. */
    private static List<String> rows(Path wh, Table table, String id) {
        return spark.read().format("delta").load(wh.resolve(table.tableName()).toString())
                .filter("execution_id = '" + id + "'").drop("execution_id").collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }
}
