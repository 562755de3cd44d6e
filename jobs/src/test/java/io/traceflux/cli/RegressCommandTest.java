package io.traceflux.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code traceflux regress} over a small suite, checked in {@code regression_runs},
 * {@code executions} and what it prints. One window replays (the golden suite itself runs once,
 * in GoldenWindowsTest); the others fail before any replay starts, which costs nothing.
 */
class RegressCommandTest extends SparkTestBase {

    static final Path REPO = Path.of(System.getProperty("traceflux.repo", "..")).toAbsolutePath().normalize();
    static final Path GOLDEN = REPO.resolve("test-data/golden");

    /**
     * nab-threshold@v1 forms 2 incidents on the nab window, not the 3 pinned; the window "gone"
     * has no capture, so its replays (hpc-storm@v1 and the candidate v2) cannot run.
     */
    static final String SUITE = """
            suite: small
            version: 3
            policies_folder: %s
            windows:
              - name: gone
                capture: no-such-capture
                policies: [{policy: hpc-storm@v1}]
              - name: nab
                capture: %s
                baseline: production
                policies:
                  - policy: nab-threshold@v1
                    expected: {incidents: 3, exact: 2, incident_parity: 1.0}
            """.formatted(REPO.resolve("policies"), GOLDEN.resolve("nab-ec2-latency-failure"));

    @TempDir
    Path dir;

    @Test
    void movedFiguresAndWindowsThatCannotRunAreRowsAndReasonsAndARetriedRunReplacesItsRows() throws IOException {
        Path suite = Files.writeString(dir.resolve("small.yaml"), SUITE);
        Path warehouse = dir.resolve("wh");

        Cli.Result run = regress(suite, warehouse, "--candidate", "hpc-storm@v2");

        // A window that could not run (exit 1) is more urgent news than a moved figure (3).
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        Map<String, Row> rows = runs(warehouse, "nightly-1");
        assertThat(rows).containsOnlyKeys("gone x hpc-storm@v1", "gone x hpc-storm@v2", "nab x nab-threshold@v1");
        Row nab = rows.get("nab x nab-threshold@v1");
        assertThat(nab.<String>getAs("status")).isEqualTo("regressed");
        assertThat(nab.<Integer>getAs("exit_code")).isZero();
        assertThat(nab.<Row>getList(nab.fieldIndex("moved"))).extracting(Row::toString).containsExactly("[incidents,3,2]");
        assertThat(nab.<Long>getAs("incidents")).isEqualTo(2L);
        assertThat(nab.<Double>getAs("incident_parity")).isEqualTo(1.0);
        assertThat(nab.<Integer>getAs("suite_version")).isEqualTo(3);
        assertThat(nab.<String>getAs("baseline")).isEqualTo("production");
        assertThat(nab.<String>getAs("execution_id")).isEqualTo("nightly-1.nab.nab-threshold-v1");
        Row gone = rows.get("gone x hpc-storm@v1");
        assertThat(gone.<String>getAs("status")).isEqualTo("failed");
        assertThat(gone.<Integer>getAs("exit_code")).isEqualTo(2);
        assertThat(gone.<String>getAs("error")).contains(dir.resolve("no-such-capture").toString());
        assertThat(gone.<Double>getAs("incident_parity")).isNull();
        assertThat(gone.<Boolean>getAs("candidate")).isFalse();
        Row candidate = rows.get("gone x hpc-storm@v2");
        assertThat(candidate.<Boolean>getAs("candidate")).isTrue();
        assertThat(candidate.<String>getAs("execution_id")).isEqualTo("nightly-1.gone.hpc-storm-v2");
        assertThat(candidate.<String>getAs("policy_sha256")).hasSize(64);
        // Refused as invalid input before anything was written, as `traceflux replay` would be.
        assertThat(table(warehouse, "executions").filter(col("execution_id").startsWith("nightly-1.gone.")).count())
                .isZero();
        assertThat(table(warehouse, "executions").filter(col("execution_id").equalTo("nightly-1.nab.nab-threshold-v1"))
                .first().<String>getAs("status")).isEqualTo("succeeded");
        assertThat(run.out()).contains("incidents 3 -> 2", "hpc-storm@v2 *", "* candidate hpc-storm@v2",
                "3 replays: 0 passed, 1 regressed, 2 failed", "error: ");
        assertThat(run.messages()).filteredOn(l -> l.startsWith("regress: ")).containsExactly(
                "regress: gone x hpc-storm@v1: could not run (exit 2): " + gone.<String>getAs("error"),
                "regress: gone x hpc-storm@v2: could not run (exit 2): " + candidate.<String>getAs("error"),
                "regress: nab x nab-threshold@v1: incidents moved from 3 to 2");

        // The same run id again, now without the nab window: its rows replace the run's, not add to them.
        Path retried = Files.writeString(dir.resolve("retried.yaml"), SUITE.substring(0, SUITE.indexOf("  - name: nab")));
        Cli.Result retry = regress(retried, warehouse);

        assertThat(retry.exit()).isEqualTo(1);
        assertThat(runs(warehouse, "nightly-1")).containsOnlyKeys("gone x hpc-storm@v1");
        assertThat(table(warehouse, "regression_runs").count()).isEqualTo(1);
    }

    @Test
    void anInvalidSuiteOrCandidateIsRefusedBeforeSparkWithExit2() throws IOException {
        Path suite = Files.writeString(dir.resolve("small.yaml"), SUITE);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), SUITE.replace("incidents: 3", "incidents: three"));
        Path warehouse = dir.resolve("wh");

        Cli.Result invalid = regress(bad, warehouse);
        Cli.Result unknownCandidate = regress(suite, warehouse, "--candidate", "nezha-ob@v1");
        Cli.Result longId = Cli.run("regress", "--suite", suite.toString(), "--run-id", "r".repeat(120),
                "--warehouse", warehouse.toString());

        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains(bad + ":13: windows[1].policies[0].expected.incidents: expected a whole number");
        assertThat(unknownCandidate.exit()).isEqualTo(2);
        assertThat(unknownCandidate.err()).contains("--candidate nezha-ob@v1: no window of suite small");
        assertThat(longId.exit()).isEqualTo(2);
        assertThat(longId.err()).contains("longer than 128 characters");
        assertThat(warehouse).doesNotExist();
    }

    @Test
    void helpHasAnExample() {
        Cli.Result help = Cli.run("regress", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--suite=FILE", "--candidate", "--run-id", "--warehouse", "--master",
                "traceflux regress --suite test-data/golden/suite.yaml");
    }

    private static Cli.Result regress(Path suite, Path warehouse, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("regress", "--suite", suite.toString(),
                "--run-id", "nightly-1", "--warehouse", warehouse.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static Map<String, Row> runs(Path warehouse, String runId) {
        return table(warehouse, "regression_runs").filter(col("run_id").equalTo(runId)).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("window") + " x " + r.<String>getAs("policy"),
                        Function.identity()));
    }

    private static Dataset<Row> table(Path warehouse, String name) {
        return spark.read().format("delta").load(warehouse.resolve(name).toString());
    }
}
