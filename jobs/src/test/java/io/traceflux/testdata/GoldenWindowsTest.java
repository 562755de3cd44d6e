package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.traceflux.SparkTestBase;
import io.traceflux.cli.Main;
import io.traceflux.regress.Figure;
import io.traceflux.regress.Suite;
import io.traceflux.regress.SuiteReader;
import io.traceflux.regress.SuiteReplay;
import io.traceflux.regress.SuiteWindow;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly policy regression, in-process: {@code traceflux regress} over the golden suite
 * (test-data/golden/suite.yaml), once. Every (window, policy) pair is replayed against
 * production's baseline; its headline figures, read back from {@code executions} and
 * {@code parity_report}, must equal the suite's pins, and {@code regression_runs} must say so
 * too. A change that moves one is a behaviour change to explain, then to re-pin in the suite.
 */
class GoldenWindowsTest extends SparkTestBase {

    static final Path REPO = Path.of(System.getProperty("traceflux.repo", ".."));
    static final Path SUITE = REPO.resolve("test-data/golden/suite.yaml");
    static final String RUN_ID = "golden";

    @TempDir
    static Path warehouse;

    static int exit;

    @BeforeAll
    static void regress() {
        exit = Main.run("regress", "--suite", SUITE.toString(), "--run-id", RUN_ID,
                "--warehouse", warehouse.toString(), "--triggered-by", "golden-regression");
    }

    @Test
    void theRunPassesWithOneRowPerWindowAndPolicy() {
        Suite suite = SuiteReader.read(SUITE);
        List<Row> rows = table(Table.REGRESSION_RUNS.tableName()).filter(col("run_id").equalTo(RUN_ID)).collectAsList();

        assertThat(exit).as("regress exit code").isZero();
        assertThat(rows).hasSize(10);
        Map<String, Row> byPair = rows.stream().collect(Collectors.toMap(
                r -> r.<String>getAs("window") + " x " + r.<String>getAs("policy"), Function.identity()));
        for (SuiteWindow w : suite.windows()) {
            for (SuiteReplay r : w.policies()) {
                Row row = byPair.get(w.name() + " x " + r.policy());
                assertThat(row).as(w.name() + " x " + r.policy()).isNotNull();
                assertThat(row.<String>getAs("status")).isEqualTo("passed");
                assertThat(row.getList(row.fieldIndex("moved"))).isEmpty();
                // tt-checkout@v1's gates fail on the metric-only windows, as the suite pins.
                assertThat(row.<Integer>getAs("exit_code")).isEqualTo(r.expectsGateFailure() ? 3 : 0);
                assertThat(row.<String>getAs("execution_id"))
                        .isEqualTo(RUN_ID + "." + w.name() + "." + r.policyId() + "-v" + r.policyVersion());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyWindowAndPolicyKeepsItsFiguresInTheTables() {
        Suite suite = SuiteReader.read(SUITE);
        Map<String, Row> executions = byExecution("executions");
        Map<String, Row> parity = byExecution("parity_report");
        return suite.windows().stream().flatMap(w -> w.policies().stream().map(r -> DynamicTest.dynamicTest(
                w.name() + " x " + r.policy(), () -> {
                    String id = RUN_ID + "." + w.name() + "." + r.policyId() + "-v" + r.policyVersion();
                    assertThat(r.expected()).as("pinned figures").isNotEmpty();
                    r.expected().forEach((figure, pinned) -> {
                        Row row = (figure.needsBaseline() ? parity : executions).get(id);
                        assertThat(row).as(id).isNotNull();
                        Object actual = row.getAs(figure.key());
                        if (figure.kind() == Figure.Kind.RATE) {
                            assertThat((Double) actual).as(id + " " + figure.key())
                                    .isCloseTo((Double) pinned, within(1e-9));
                        } else {
                            assertThat(actual).as(id + " " + figure.key()).isEqualTo(pinned);
                        }
                    });
                })));
    }

    private static Map<String, Row> byExecution(String table) {
        return table(table).filter(col("execution_id").startsWith(RUN_ID + ".")).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("execution_id"), Function.identity()));
    }

    private static org.apache.spark.sql.Dataset<Row> table(String name) {
        return spark.read().format("delta").load(new Warehouse(warehouse.toString()).root() + "/" + name);
    }
}
