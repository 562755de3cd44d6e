package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.LakeFixture;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture cut from a lake replays exactly like a capture of the same rows made by hand: the
 * same signals, incidents and parity against production, compared right away because the cut
 * brought production's baseline along (SPEC 2.4).
 */
class CutReplayTest extends SparkTestBase {

    private static final String START = "2026-11-20T10:00:00Z";
    private static final String END = "2026-11-20T10:10:00Z";

    @TempDir
    Path dir;

    @Test
    void aCutReplaysLikeTheSameRowsCapturedByHand() {
        // The edge window (a, b, d form an incident, c is dropped as info) and signals around it.
        Dataset<Row> window = ReplayCommandTest.edgeSignals().build(spark);
        Path lake = LakeFixture.append(dir.resolve("lake"), ReplayCommandTest.edgeSignals()
                .add("early", -seconds(120)).add("late", seconds(1200)).add("next-hour", seconds(3900), s -> s.host("h9"))
                .build(spark));
        LakeFixture.table(spark, dir.resolve("prod/incidents"), LakeFixture.INCIDENTS,
                new String[] {"P-1", START, "critical", "3 signals in eu-west/fra1"},
                new String[] {"P-2", START, "minor", "1 signals in eu-west/fra1"},
                new String[] {"P-3", START, "major", "1 signals in eu-west/fra1"});
        LakeFixture.table(spark, dir.resolve("prod/membership"), LakeFixture.MEMBERSHIP,
                new String[] {"P-1", "a"}, new String[] {"P-1", "b"}, new String[] {"P-1", "d"},
                new String[] {"P-2", "c"}, new String[] {"P-3", "late"});
        LakeFixture.table(spark, dir.resolve("prod/actions"), LakeFixture.ACTIONS,
                new String[] {"P-1", "page-edge", "page", "edge-oncall", "2026-11-20T10:00:30Z"},
                new String[] {"P-3", "ticket-edge", "ticket", "edge-team", "2026-11-20T10:20:00Z"});

        Path cut = dir.resolve("cut");
        assertThat(Main.run("capture", "--from", lake.toString(), "--window-start", START, "--window-end", END,
                "--incidents", dir.resolve("prod/incidents").toString(),
                "--membership", dir.resolve("prod/membership").toString(),
                "--actions", dir.resolve("prod/actions").toString(), "--out", cut.toString())).isZero();

        Path hand = CaptureFixture.parquet(dir.resolve("hand"), "hand", START, END, LakeFixture.withPartitions(window));
        CaptureFixture.production(spark, hand, START,
                List.of(new String[] {"P-1", "critical", "3 signals in eu-west/fra1"},
                        new String[] {"P-2", "minor", "1 signals in eu-west/fra1"}),
                List.of(new String[] {"P-1", "a"}, new String[] {"P-1", "b"}, new String[] {"P-1", "d"},
                        new String[] {"P-2", "c"}));
        spark.createDataFrame(List.of(RowFactory.create("P-1", "page-edge", "page", "edge-oncall",
                        Timestamp.from(Instant.parse("2026-11-20T10:00:30Z")))), new StructType()
                        .add("incident_id", "string").add("action_id", "string").add("kind", "string")
                        .add("target", "string").add("fired_at", "timestamp"))
                .write().parquet(hand.resolve("baseline/actions").toString());

        Path policies = CaptureFixture.policy(dir, "edge", 1, ReplayCommandTest.POLICY);
        Path warehouse = dir.resolve("wh");
        assertThat(replay(cut, policies, warehouse, "from-cut")).isZero();
        assertThat(replay(hand, policies, warehouse, "by-hand")).isZero();

        for (String table : List.of("replay_signals", "replay_incidents", "parity_report", "incident_diffs")) {
            assertThat(sorted(rows(warehouse, table, "from-cut"))).as(table)
                    .isEqualTo(sorted(rows(warehouse, table, "by-hand"))).isNotEmpty();
        }
        Row parity = rows(warehouse, "parity_report", "from-cut").selectExpr("baseline_incidents", "exact", "missing")
                .head();
        assertThat(parity.toString()).isEqualTo("[2,1,1]");
        assertThat(rows(warehouse, "replay_signals", "from-cut").count()).isEqualTo(4);
    }

    private static int replay(Path capture, Path policies, Path warehouse, String id) {
        return Main.run("replay", "--capture", capture.toString(), "--policy", "edge@v1",
                "--policies", policies.toString(), "--warehouse", warehouse.toString(), "--execution-id", id);
    }

    /** A small table's rows as text, sorted (maps and arrays rule out set operations). */
    private static List<String> sorted(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    private static Dataset<Row> rows(Path warehouse, String table, String id) {
        return spark.read().format("delta").load(warehouse.resolve(table).toString())
                .filter("execution_id = '" + id + "'").drop("execution_id");
    }
}
