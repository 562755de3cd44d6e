package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.execution.DriverProcess;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.ChildJvm;
import io.traceflux.warehouse.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replay killed with SIGKILL at several points (while reading, as the tables are written,
 * in the middle of writing them, while writing the bundle, before the run is recorded), then
 * run again under the same id: its tables equal an undisturbed run's row for row, nothing
 * duplicated or lost, its bundle is whole, and the interrupted attempt stays in the record.
 */
class CrashRecoveryTest extends SparkTestBase {

    /** Columns that say when and where a run ran, not what it computed. */
    private static final List<String> VOLATILE = List.of("started_at", "finished_at", "attempt", "previous_attempts",
            "driver_host", "driver_pid", "driver_started_at");

    @TempDir
    static Path dir;

    static Path capture;
    static Path policies;
    static Path reference;

    @BeforeAll
    static void undisturbedRun() {
        capture = CaptureFixture.parquet(dir.resolve("cap"), "cap-1", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                ReplayCommandTest.edgeSignals().add("e", seconds(1200)).add("f", seconds(200), s -> s.pop("ams2"))
                        .add("g", seconds(230), s -> s.pop("ams2")).build(spark));
        policies = CaptureFixture.policy(dir, "edge", 1, ReplayCommandTest.POLICY);
        CaptureFixture.policy(dir, "edge", 2, ReplayCommandTest.POLICY.replace("version: 1", "version: 2")
                .replace("gap: 2m", "gap: 20s"));
        reference = dir.resolve("reference");
        assertThat(Main.run(args(reference))).isZero();
    }

    static String[] args(Path warehouse) {
        return new String[] {"replay", "--capture", capture.toString(), "--policy", "edge@v2", "--policies",
                policies.toString(), "--baseline", "policy:edge@v1", "--warehouse", warehouse.toString(),
                "--execution-id", "crash"};
    }

    /**
     * Where the replay is killed: after its progress line, plus a delay. The test command runs
     * two points (mid-write and before the record); {@code -Dtraceflux.soak=true} runs them all.
     */
    static Stream<Arguments> killPoints() {
        List<Arguments> all = List.of(
                Arguments.of("tables under", 1500L, true),
                Arguments.of("recording the execution", 0L, true),
                Arguments.of("writing the evidence bundle", 300L, true),
                Arguments.of("quarantining and selecting", 0L, false),
                Arguments.of("tables under", 0L, true),
                Arguments.of("tables under", 3000L, true),
                Arguments.of("writing the evidence bundle", 0L, true));
        return (Boolean.getBoolean("traceflux.soak") ? all : all.subList(0, 2)).stream();
    }

    @ParameterizedTest(name = "killed after \"{0}\" + {1} ms")
    @MethodSource("killPoints")
    void aRerunAfterAKillEqualsAnUndisturbedRun(String line, long delayMillis, boolean recorded) throws Exception {
        Path warehouse = dir.resolve("killed-" + line.replace(' ', '-') + "-" + delayMillis);
        ChildJvm child = ChildJvm.start(args(warehouse));
        assertThat(child.awaitLine(line, 300)).as(child.stderr()).isTrue();
        Thread.sleep(delayMillis);
        child.kill();

        if (recorded) {
            Row interrupted = executions(warehouse);
            assertThat(interrupted.<String>getAs("status")).isEqualTo("running");
            assertThat(interrupted.<Long>getAs("driver_pid")).isEqualTo(child.pid());
            assertThat(new DriverProcess(interrupted.getAs("driver_host"), child.pid(),
                    interrupted.<java.sql.Timestamp>getAs("driver_started_at").toInstant()).isGone()).isTrue();
        }
        assertThat(Main.run(args(warehouse))).isZero();

        for (Table table : tables()) {
            assertThat(rows(warehouse, table)).as(table.tableName()).isEqualTo(rows(reference, table));
        }
        for (Table table : List.of(Table.EXECUTIONS, Table.REPLAY_SIGNALS, Table.REPLAY_INCIDENTS, Table.QUARANTINE,
                Table.PARITY_REPORT, Table.INCIDENT_DIFFS, Table.CORRELATION_DIFFS, Table.BASELINE_INCIDENTS)) {
            assertThat(rows(reference, table)).as(table.tableName()).isNotEmpty();
        }
        Row rerun = executions(warehouse);
        assertThat(rerun.<Integer>getAs("attempt")).isEqualTo(recorded ? 2 : 1);
        if (recorded) {
            Row first = rerun.<Row>getList(rerun.fieldIndex("previous_attempts")).get(0);
            assertThat(List.of(first.getAs("attempt"), first.getAs("status"))).containsExactly(1, "interrupted");
        }
        assertThat(bundleFiles(warehouse)).isEqualTo(bundleFiles(reference));
    }

    private static List<Table> tables() {
        List<Table> tables = new ArrayList<>(List.of(Table.EXECUTIONS));
        tables.addAll(Table.REPLAY_OUTPUTS);
        return tables;
    }

    private static Row executions(Path warehouse) {
        return spark.read().format("delta").load(warehouse.resolve("executions").toString())
                .filter("execution_id = 'crash'").first();
    }

    /** The table's rows of the execution as sorted text, without the columns that say when and where. */
    private static List<String> rows(Path warehouse, Table table) {
        Dataset<Row> rows = spark.read().format("delta").load(warehouse.resolve(table.tableName()).toString())
                .filter("execution_id = 'crash'");
        Column[] kept = Arrays.stream(rows.columns()).filter(c -> !VOLATILE.contains(c))
                .map(c -> functions.col("`" + c + "`")).toArray(Column[]::new);
        return rows.select(kept).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /**
     * The bundle's files by path; the tables, signals and parity figures compared whole, the
     * rest (which show when the run ran) only present. Nothing staged may be left behind.
     */
    private static Map<String, String> bundleFiles(Path warehouse) throws IOException {
        Path bundles = warehouse.resolve("bundles");
        try (Stream<Path> left = Files.list(bundles)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("crash", "crash.zip");
        }
        Map<String, String> files = new TreeMap<>();
        Path bundle = bundles.resolve("crash");
        try (Stream<Path> all = Files.walk(bundle)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = bundle.relativize(p).toString();
                boolean whole = name.startsWith("tables/") || name.startsWith("signals/") || name.equals("parity.json");
                files.put(name, whole ? Files.readString(p) : "present");
            }
        }
        return files;
    }

}
