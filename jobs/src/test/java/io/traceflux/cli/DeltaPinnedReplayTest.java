package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Signals;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Delta capture pinned with {@code @N} replays the same rows after the table has changed. */
class DeltaPinnedReplayTest extends SparkTestBase {

    @TempDir
    Path dir;

    @Test
    void replayAtAVersionIsUnchangedByALaterAppendAndTheVersionIsRecorded() {
        Path capture = CaptureFixture.delta(dir.resolve("cap"), "cap-d", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                Signals.at("2026-11-20T10:00:00Z").add("a", 0).add("b", seconds(30), s -> s.host("h2")).build(spark));
        Path policies = CaptureFixture.policy(dir, "edge", 1, ReplayCommandTest.POLICY);
        Path warehouse = dir.resolve("wh");

        assertThat(replay(capture + "@0", policies, warehouse, "before")).isZero();
        Signals.at("2026-11-20T10:00:00Z").add("c", seconds(60), s -> s.host("h3")).build(spark)
                .write().format("delta").mode("append").save(capture.resolve("signals").toString());
        assertThat(replay(capture + "@0", policies, warehouse, "after")).isZero();
        assertThat(replay(capture.toString(), policies, warehouse, "latest")).isZero();

        assertThat(signals(warehouse, "after")).isEqualTo(signals(warehouse, "before"))
                .containsExactly("[a,incident]", "[b,incident]");
        assertThat(signals(warehouse, "latest")).containsExactly("[a,incident]", "[b,incident]", "[c,incident]");
        assertThat(spark.read().format("delta").load(warehouse.resolve("executions").toString())
                .selectExpr("execution_id", "capture_version").orderBy("execution_id").collectAsList()
                .stream().map(Row::toString).collect(Collectors.toList()))
                .containsExactly("[after,0]", "[before,0]", "[latest,1]");
    }

    /**
     * A re-run of an execution reads what the execution read: the signals and production's
     * Delta baseline at the versions its first attempt pinned, though all three tables have
     * grown since, and opened_at given as text (as incident tools export it) reads like a ts.
     */
    @Test
    void aRerunReadsTheVersionsItsFirstAttemptPinnedAndKeepsThatAttemptInItsHistory() {
        Path capture = CaptureFixture.delta(dir.resolve("cap"), "cap-d", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                Signals.at("2026-11-20T10:00:00Z").add("a", 0).add("b", seconds(30), s -> s.host("h2")).build(spark));
        incidents(List.of(RowFactory.create("p1", "2026-11-20 10:00:00", "critical")), capture, "overwrite");
        membership(List.of(RowFactory.create("p1", "a"), RowFactory.create("p1", "b")), capture, "overwrite");
        Path policies = CaptureFixture.policy(dir, "edge", 1, ReplayCommandTest.POLICY);
        Path warehouse = dir.resolve("wh");

        assertThat(replay(capture.toString(), policies, warehouse, "again")).isZero();
        List<String> first = rows(warehouse, "replay_signals", "again", "signal_id", "decision");
        List<String> firstReport = rows(warehouse, "parity_report", "again", "baseline_incidents", "exact");
        Signals.at("2026-11-20T10:00:00Z").add("c", seconds(60), s -> s.host("h3")).build(spark)
                .write().format("delta").mode("append").save(capture.resolve("signals").toString());
        incidents(List.of(RowFactory.create("p2", "2026-11-20T10:01:00Z", "major")), capture, "append");
        membership(List.of(RowFactory.create("p2", "c")), capture, "append");
        assertThat(replay(capture.toString(), policies, warehouse, "again")).isZero();

        assertThat(rows(warehouse, "replay_signals", "again", "signal_id", "decision")).isEqualTo(first)
                .containsExactly("[a,incident]", "[b,incident]");
        assertThat(rows(warehouse, "parity_report", "again", "baseline_incidents", "exact")).isEqualTo(firstReport)
                .containsExactly("[1,1]");
        assertThat(rows(warehouse, "baseline_incidents", "again", "incident_id", "cast(opened_at as string)"))
                .containsExactly("[p1,2026-11-20 10:00:00]");
        assertThat(rows(warehouse, "executions", "again", "capture_version", "baseline_incidents_version",
                "baseline_membership_version", "attempt", "previous_attempts[0].attempt",
                "previous_attempts[0].status", "size(previous_attempts)"))
                .containsExactly("[0,0,0,2,1,succeeded,1]");
    }

    private static void incidents(List<Row> rows, Path capture, String mode) {
        spark.createDataFrame(rows, new StructType().add("incident_id", "string").add("opened_at", "string")
                .add("severity", "string")).write().format("delta").mode(mode)
                .save(capture.resolve("baseline/incidents").toString());
    }

    private static void membership(List<Row> rows, Path capture, String mode) {
        spark.createDataFrame(rows, new StructType().add("incident_id", "string").add("signal_id", "string"))
                .write().format("delta").mode(mode).save(capture.resolve("baseline/membership").toString());
    }

    private static List<String> rows(Path warehouse, String table, String id, String... columns) {
        return spark.read().format("delta").load(warehouse.resolve(table).toString())
                .filter("execution_id = '" + id + "'").selectExpr(columns).orderBy(columns[0])
                .collectAsList().stream().map(Row::toString).collect(Collectors.toList());
    }

    private static int replay(String capture, Path policies, Path warehouse, String id) {
        return Main.run("replay", "--capture", capture, "--policy", "edge@v1", "--policies", policies.toString(),
                "--warehouse", warehouse.toString(), "--execution-id", id);
    }

    private static List<String> signals(Path warehouse, String id) {
        return spark.read().format("delta").load(warehouse.resolve("replay_signals").toString())
                .filter("execution_id = '" + id + "'").selectExpr("signal_id", "decision").orderBy("signal_id")
                .collectAsList().stream().map(Row::toString).collect(Collectors.toList());
    }
}
