package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Signals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, one test per kind of baseline (SPEC 2.2): the parity_report row and the
 * incident_diffs rows, against values computed by hand in the comments.
 *
 * <p>Replay with edge@v1 (group by region/pop, gap 2m, min 2, drop info, dedup 1m):
 * R1 = {a, b (duplicate of a), d} in fra1, R2 = {x, y} in ams2; c is dropped.
 */
class BaselineReplayTest extends SparkTestBase {

    /** inc- + sha256("edge\nregion=eu-west,pop=fra1\na")[:16], and the same for ams2 / x. */
    static final String R1 = "inc-38239e363b04c600";
    static final String R2 = "inc-7c29b168acad14cb";
    /** v2 groups everything (no group_by, gap 10m): inc- + sha256("edge\n\na")[:16]. */
    static final String V2_ALL = "inc-ca27b90d2b7a494c";

    static final String V2 = """
            policy: edge
            version: 2
            severity_map: {ERROR: major}
            fingerprint: {fields: [check, host]}
            dedup: {window: 1m}
            suppression:
              - id: drop-info
                drop: ['severity=~"info|unknown"']
            correlation: {gap: 10m, min_signals: 2}
            """;

    @TempDir
    Path dir;

    Path capture;
    Path policies;
    Path warehouse;

    @BeforeEach
    void capture() {
        Dataset<Row> signals = ReplayCommandTest.edgeSignals()
                .add("x", seconds(300), s -> s.host("h4").pop("ams2"))
                .add("y", seconds(330), s -> s.host("h5").pop("ams2"))
                .build(spark);
        capture = CaptureFixture.parquet(dir.resolve("cap"), "cap-b", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                signals);
        String gates = "governance: {gates: {min_incident_parity: 0.2, max_missing_critical: 0}}\n";
        policies = CaptureFixture.policy(dir, "edge", 1, ReplayCommandTest.POLICY + gates);
        CaptureFixture.policy(dir, "edge", 2, V2);
        warehouse = dir.resolve("wh");
    }

    int replay(String executionId, String policy, String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "--capture", capture.toString(), "--policy", policy,
                "--policies", policies.toString(), "--warehouse", warehouse.toString(), "--execution-id", executionId));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    Row report(String executionId) {
        return spark.read().format("delta").load(warehouse.resolve("parity_report").toString())
                .filter("execution_id = '" + executionId + "'").collectAsList().get(0);
    }

    List<String> diffs(String executionId) {
        return spark.read().format("delta").load(warehouse.resolve("incident_diffs").toString())
                .filter("execution_id = '" + executionId + "'")
                .selectExpr("class", "baseline_incident_ids", "replay_incident_ids", "shared_signals",
                        "baseline_only_signals", "replay_only_signals", "round(jaccard, 6)")
                .collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
    }

    @Test
    void productionBaselineGivesExactMergedAndMissingAndFailsTheCriticalGate() {
        // B1 = {a,b,d} (EXACT with R1); B2 = {x}, B3 = {y} (MERGED into R2); B4 = {c} (MISSING,
        // critical: c is dropped by the replay).
        CaptureFixture.production(spark, capture, "2026-11-20T10:00:00Z",
                List.of(new String[] {"B1", "critical", "fra1"}, new String[] {"B2", "major", "x"},
                        new String[] {"B3", "major", "y"}, new String[] {"B4", "critical", "disk"}),
                List.of(new String[] {"B1", "a"}, new String[] {"B1", "b"}, new String[] {"B1", "d"},
                        new String[] {"B2", "x"}, new String[] {"B3", "y"}, new String[] {"B4", "c"}));

        assertThat(replay("p1", "edge@v1")).isEqualTo(3);

        Row r = report("p1");
        assertThat(List.of(r.getAs("baseline_incidents"), r.getAs("replay_incidents"), r.getAs("exact"),
                r.getAs("changed"), r.getAs("split"), r.getAs("merged"), r.getAs("missing"), r.getAs("new"),
                r.getAs("reshaped"), r.getAs("missing_critical"))).containsExactly(4L, 2L, 1L, 0L, 0L, 1L, 1L, 0L, 0L, 1L);
        // Over a,b,d,x,y,c: precision (1+1+1 + 1/2+1/2 + 1)/6 = 5/6, recall 1, F1 = 10/11.
        assertThat(r.<Double>getAs("incident_parity")).isCloseTo(0.25, within(1e-9));
        assertThat(r.<Double>getAs("bcubed_precision")).isCloseTo(5.0 / 6, within(1e-9));
        assertThat(r.<Double>getAs("bcubed_recall")).isCloseTo(1.0, within(1e-9));
        assertThat(r.<Double>getAs("bcubed_f1")).isCloseTo(10.0 / 11, within(1e-9));
        assertThat(r.<Object>getAs("fingerprint_agreement")).isNull();
        assertThat(r.<Boolean>getAs("gates_passed")).isFalse();
        assertThat(r.getList(r.fieldIndex("gates")).stream().map(Object::toString))
                .containsExactly("[min_incident_parity,0.2,0.25,true,null]", "[max_missing_critical,0.0,1.0,false,null]");
        assertThat(diffs("p1")).containsExactly(
                "[EXACT,WrappedArray(B1),WrappedArray(" + R1 + "),3,0,0,1.0]",
                "[MERGED,WrappedArray(B2, B3),WrappedArray(" + R2 + "),2,0,0,1.0]",
                "[MISSING,WrappedArray(B4),WrappedArray(),0,1,0,0.0]");
    }

    @Test
    void executionBaselineSplitsTheOneEarlierIncident() {
        // Baseline (edge@v2): one incident {a,b,d,x,y}; the replay splits it into R1 and R2.
        // Precision 1; recall (3 * 3/5 + 2 * 2/5) / 5 = 13/25; F1 = 2 * 13/25 / (1 + 13/25) = 13/19.
        assertThat(replay("base", "edge@v2")).isZero();
        assertThat(replay("e1", "edge@v1", "--baseline", "execution:base")).isEqualTo(3);

        assertSplit(report("e1"), diffs("e1"));
    }

    @Test
    void policyBaselineReplaysTheOtherVersionInTheSameJob() {
        assertThat(replay("pv", "edge@v1", "--baseline", "policy:edge@v2")).isEqualTo(3);

        assertSplit(report("pv"), diffs("pv"));
        assertThat(spark.read().format("delta").load(warehouse.resolve("executions").toString())
                .filter("execution_id = 'pv'").first().<String>getAs("baseline")).startsWith("policy:edge@v2@sha256:");
    }

    @Test
    void anExecutionBaselineThatDoesNotExistIsRefusedBeforeAnythingIsWritten() {
        assertThat(replay("e2", "edge@v1", "--baseline", "execution:nope")).isEqualTo(2);
        assertThat(warehouse.resolve("replay_signals")).doesNotExist();
    }

    private static void assertSplit(Row r, List<String> diffs) {
        assertThat(List.of(r.getAs("baseline_incidents"), r.getAs("replay_incidents"), r.getAs("exact"),
                r.getAs("split"), r.getAs("missing"), r.getAs("new"))).containsExactly(1L, 2L, 0L, 1L, 0L, 0L);
        assertThat(r.<Double>getAs("incident_parity")).isCloseTo(0.0, within(1e-9));
        assertThat(r.<Double>getAs("bcubed_precision")).isCloseTo(1.0, within(1e-9));
        assertThat(r.<Double>getAs("bcubed_recall")).isCloseTo(13.0 / 25, within(1e-9));
        assertThat(r.<Double>getAs("bcubed_f1")).isCloseTo(13.0 / 19, within(1e-9));
        assertThat(r.<Double>getAs("fingerprint_agreement")).isCloseTo(1.0, within(1e-9));
        assertThat(r.<Double>getAs("suppression_agreement")).isCloseTo(1.0, within(1e-9));
        // incident_parity 0 is below min_incident_parity 0.2: exit 3 after every table is written.
        assertThat(r.<Boolean>getAs("gates_passed")).isFalse();
        assertThat(diffs).containsExactly(
                "[SPLIT,WrappedArray(" + V2_ALL + "),WrappedArray(" + R1 + ", " + R2 + "),5,0,0,1.0]");
    }
}
