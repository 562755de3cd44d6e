package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Signals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code traceflux replay} on a real capture, checked in the Delta tables it writes. */
class ReplayCommandTest extends SparkTestBase {

    static final String POLICY = """
            policy: edge
            version: 1
            severity_map: {ERROR: major}
            fingerprint:
              fields: [check, host]
            dedup: {window: 1m}
            suppression:
              - id: drop-info
                drop: ['severity=~"info|unknown"']
            correlation: {group_by: [region, pop], gap: 2m, min_signals: 2}
            aggregation: {title: "{count} signals in {region}/{pop}"}
            """;

    @TempDir
    Path dir;

    Path capture;
    Path policies;
    Path warehouse;

    /**
     * Four signals in fra1 that edge@v1 turns into one incident {a, b (duplicate of a), d},
     * with c dropped as info.
     */
    static Signals edgeSignals() {
        return Signals.at("2026-11-20T10:00:00Z")
                .add("a", 0, s -> s.host("h1"))
                .add("b", seconds(30), s -> s.host("h1").severity("ERROR"))
                .add("c", seconds(60), s -> s.check("disk").host("h2").severity("info"))
                .add("d", seconds(90), s -> s.host("h3"));
    }

    @BeforeEach
    void capture() {
        Dataset<Row> signals = edgeSignals()
                .add("e", seconds(1200))
                .add("f", seconds(10))
                .add("f", seconds(11))
                .add(null, seconds(12))
                .add("h", 0, s -> s.noTs())
                .build(spark);
        capture = CaptureFixture.parquet(dir.resolve("cap"), "cap-1", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                signals);
        policies = CaptureFixture.policy(dir, "edge", 1, POLICY);
        warehouse = dir.resolve("wh");
    }

    int replay(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("replay", "--capture", capture.toString(),
                "--policy", "edge@v1", "--policies", policies.toString(), "--warehouse", warehouse.toString()));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    Dataset<Row> table(String name, String executionId) {
        return spark.read().format("delta").load(warehouse.resolve(name).toString())
                .filter("execution_id = '" + executionId + "'");
    }

    static List<String> rows(Dataset<Row> df, String... columns) {
        return df.selectExpr(columns).collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
    }

    @Test
    void replayWritesExplainedSignalsIncidentsQuarantineAndTheExecution() {
        assertThat(replay("--execution-id", "e1", "--triggered-by", "alice")).isZero();

        assertThat(rows(table("replay_signals", "e1"), "signal_id", "severity", "suppressed_by", "duplicate_of",
                "decision")).containsExactly(
                "[a,critical,null,null,incident]",
                "[b,major,null,a,incident]",
                "[c,info,drop-info,null,suppressed]",
                "[d,critical,null,null,incident]");
        assertThat(rows(table("replay_incidents", "e1"), "first_signal_id", "signal_count", "severity", "title",
                "cast(opened_at as string)", "cast(last_signal_at as string)")).containsExactly(
                "[a,3,critical,3 signals in eu-west/fra1,2026-11-20 10:00:00,2026-11-20 10:01:30]");
        assertThat(rows(table("quarantine", "e1"), "signal_id", "reason")).containsExactly(
                "[e,outside_capture_window]", "[f,duplicate_signal_id]", "[f,duplicate_signal_id]",
                "[h,invalid_ts]", "[null,null_signal_id]");
        assertThat(rows(table("executions", "e1"), "status", "triggered_by", "policy_id", "policy_version",
                "input_rows", "selected_rows", "quarantined_rows", "suppressed_rows", "duplicate_rows", "incidents"))
                .containsExactly("[succeeded,alice,edge,1,9,4,5,1,1,1]");
    }

    @Test
    void rerunningAnExecutionIdReplacesItsRowsAndTagsEveryCommit() {
        assertThat(replay("--execution-id", "e2", "--baseline", "policy:edge@v1")).isZero();
        List<String> first = rows(table("replay_signals", "e2"), "signal_id", "decision", "incident_id");
        assertThat(table("parity_report", "e2").count()).isEqualTo(1);
        assertThat(replay("--execution-id", "e2")).isZero();

        assertThat(rows(table("replay_signals", "e2"), "signal_id", "decision", "incident_id"))
                .isEqualTo(first).hasSize(4);
        // The re-run compared with nothing: the first attempt's comparison is gone with it.
        for (String comparison : List.of("parity_report", "incident_diffs", "baseline_incidents", "rule_impact")) {
            assertThat(table(comparison, "e2").count()).as(comparison).isZero();
        }
        assertThat(table("replay_incidents", "e2").count()).isEqualTo(1);
        assertThat(table("quarantine", "e2").count()).isEqualTo(5);
        assertThat(table("executions", "e2").count()).isEqualTo(1);
        List<Row> history = spark.sql("describe history delta.`" + warehouse.resolve("replay_signals") + "`")
                .orderBy("version").select("operation", "userMetadata", "engineInfo").collectAsList();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).getString(0)).isEqualTo("CREATE TABLE");
        // A small capture's first attempt appends with Delta Kernel, which names the run in the
        // engine info; the re-run replaces with Spark, which names it in the user metadata.
        assertThat(history.get(1).getString(2)).startsWith("Kernel-")
                .contains("\"execution_id\":\"e2\"").contains("\"policy_sha256\":\"");
        assertThat(history.get(2).getString(1)).contains("\"execution_id\":\"e2\"")
                .contains("\"policy_sha256\":\"");
    }

    @Test
    void aPolicyHashThatNoLongerMatchesIsRefusedAndNothingIsWritten() {
        assertThat(replay("--policy-sha256", "0".repeat(64))).isEqualTo(2);
        assertThat(Files.exists(warehouse)).isFalse();
    }

    @Test
    void aMissingCaptureIsRefusedWithExit2AndNothingIsWritten() {
        capture = dir.resolve("nowhere");
        assertThat(replay()).isEqualTo(2);
        assertThat(Files.exists(warehouse)).isFalse();
    }

    @Test
    void aWarehouseTablePathThatIsAFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        Files.createDirectories(warehouse);
        Files.writeString(warehouse.resolve("replay_incidents"), "not a table");

        assertThat(replay("--execution-id", "e4")).isEqualTo(2);

        try (Stream<Path> files = Files.list(warehouse)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("replay_incidents");
        }
    }

    @Test
    void aFailureAfterWritingStartedLeavesNoRowsAndMarksTheExecutionFailed() throws Exception {
        Path log = Files.createDirectories(warehouse.resolve("replay_incidents/_delta_log"));
        Files.writeString(log.resolve("00000000000000000000.json"), "not a commit\n");

        assertThat(replay("--execution-id", "e3")).isEqualTo(1);

        assertThat(table("replay_signals", "e3").count()).isZero();
        assertThat(rows(table("executions", "e3"), "status")).containsExactly("[failed]");
    }
}
