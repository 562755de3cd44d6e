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
