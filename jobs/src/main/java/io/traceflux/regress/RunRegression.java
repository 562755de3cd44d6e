package io.traceflux.regress;

import io.traceflux.ExitCode;
import io.traceflux.InvalidInputException;
import io.traceflux.capture.CaptureRef;
import io.traceflux.capture.Scope;
import io.traceflux.capture.TimeRange;
import io.traceflux.execution.BaselineSpec;
import io.traceflux.execution.CodeVersion;
import io.traceflux.execution.Mode;
import io.traceflux.execution.Progress;
import io.traceflux.execution.ReplayConfig;
import io.traceflux.execution.ReplayResult;
import io.traceflux.execution.RunReplay;
import io.traceflux.governance.GovernanceRefusal;
import io.traceflux.policy.Policy;
import io.traceflux.policy.PolicyRef;
import io.traceflux.warehouse.Table;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;

/**
 * The nightly policy regression (SPEC 7.2): replays every window and policy version of a suite
 * in one Spark application, each as its own execution through {@link RunReplay} and up to
 * {@link RegressionConfig#parallel} side by side, compares the pinned figures, and writes
 * {@code regression_runs} in suite order. A replay that fails is recorded and the others go on.
 *
 * <pre>{@code
 * RegressionResult result = new RunRegression(spark, config, System.err).execute();
 * int exit = result.exitCode();   // 0, 3 or 1
 * }</pre>
 */
public final class RunRegression {

    private final SparkSession spark;
    private final RegressionConfig config;
    private final PrintStream log;

    /**
     * @param log where progress goes (stderr on the command line): a line per replay, and the
     *            replay's own steps under it
     */
    public RunRegression(SparkSession spark, RegressionConfig config, PrintStream log) {
        this.spark = spark;
        this.config = config;
        this.log = log;
    }

    public RegressionResult execute() {
        long start = System.nanoTime();
        List<RegressionConfig.Planned> plan = config.plan();
        Progress progress = new Progress(log, plan.size() + 1);
        List<RegressionRow> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(config.parallel());
        try {
            List<Future<RegressionRow>> replays = new ArrayList<>();
            for (RegressionConfig.Planned p : plan) {
                replays.add(pool.submit(() -> replayLogged(p, progress)));
            }
            for (Future<RegressionRow> replay : replays) {
                rows.add(result(replay));
            }
        } finally {
            pool.shutdownNow();
        }
        progress.step("writing " + rows.size() + " rows of run " + config.runId() + " to "
                + config.warehouse().tablePath(Table.REGRESSION_RUNS));
        RegressionRuns.replace(spark, config.warehouse(), config.runId(), rows);
        return new RegressionResult(config.runId(), config.suite(), rows, (System.nanoTime() - start) / 1e9);
    }

    /** One replay, its step lines under its own line (each naming the replay when side by side). */
    private RegressionRow replayLogged(RegressionConfig.Planned p, Progress progress) {
        String name = p.window().name() + " x " + p.replay().policy();
        progress.step(name + (p.candidate() ? " (candidate)" : "") + " as " + p.executionId());
        String indent = config.parallel() > 1 ? "      " + name + " " : "      ";
        RegressionRow row = replay(p, IndentedStream.of(log, indent));
        log.println("      -> " + (config.parallel() > 1 ? name + ": " : "") + row.status()
                + (row.error() == null ? "" : ": " + row.error()));
        return row;
    }

    private static RegressionRow result(Future<RegressionRow> replay) {
        try {
            return replay.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a replay", e);
        } catch (ExecutionException e) {
            // replay() turns every Exception into a failed row; what is left is an Error.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One replay, isolated: whatever it throws becomes a failed row. */
    private RegressionRow replay(RegressionConfig.Planned p, PrintStream steps) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Policy policy = null;
        try {
            policy = p.candidate() ? config.candidate().orElseThrow() : PolicyRef.resolve(p.replay().policy(),
                    config.policiesRoot());
            ReplayResult result = new RunReplay(spark, replayConfig(p, policy),
                    new Progress(steps, RunReplay.steps())).execute();
            return Verdict.of(p.replay(), result).row(rowBase(p, policy, started, t0));
        } catch (InvalidInputException e) {
            // Refused before anything was written, as `traceflux replay` would be: no execution row.
            return Verdict.failed(2, e.getMessage()).row(rowBase(p, policy, started, t0));
        } catch (GovernanceRefusal e) {
            // A retried night never replays over an execution someone approved: exit 4, as `traceflux replay`.
            return Verdict.failed(ExitCode.GOVERNANCE_REFUSED, e.getMessage()).row(rowBase(p, policy, started, t0));
        } catch (Exception e) {
            return Verdict.failed(1, e.getClass().getSimpleName() + ": " + e.getMessage())
                    .row(rowBase(p, policy, started, t0));
        }
    }

    private ReplayConfig replayConfig(RegressionConfig.Planned p, Policy policy) {
        SuiteWindow w = p.window();
        return new ReplayConfig(CaptureRef.parse(w.capture()), policy,
                BaselineSpec.parse(w.baseline(), ref -> PolicyRef.resolve(ref, config.policiesRoot())),
                w.scope() == null ? Scope.all() : Scope.parse(w.scope()), new TimeRange(null, null), Mode.DRY_RUN,
                p.executionId(), config.triggeredBy(), reason(), config.warehouse(), config.master());
    }

    private String reason() {
        return "regression run " + config.runId() + " of suite " + config.suite().name() + " v"
                + config.suite().version();
    }

    private RowBase rowBase(RegressionConfig.Planned p, Policy policy, Instant started, long t0) {
        return new RowBase(config.runId(), config.suite(), p, policy == null ? null : policy.sha256(), started,
                (System.nanoTime() - t0) / 1e9);
    }

    /** What every row of a replay carries, whatever its outcome. */
    record RowBase(String runId, Suite suite, RegressionConfig.Planned planned, String policySha256, Instant started,
            double seconds) {
    }

    /** A replay's outcome against its pins. */
    record Verdict(String status, int exitCode, ReplayResult result, List<MovedFigure> moved, String error) {

        static Verdict of(SuiteReplay pins, ReplayResult result) {
            List<MovedFigure> moved = new ArrayList<>();
            for (Map.Entry<Figure, Object> pin : pins.expected().entrySet()) {
                Object actual = pin.getKey().of(result);
                if (!pin.getKey().keeps(pin.getValue(), actual)) {
                    moved.add(MovedFigure.of(pin.getKey(), pin.getValue(), actual));
                }
            }
            boolean unexpectedGateFailure = !result.gatesPassed() && !pins.expectsGateFailure();
            String status = moved.isEmpty() && !unexpectedGateFailure ? RegressionRow.PASSED : RegressionRow.REGRESSED;
            return new Verdict(status, result.gatesPassed() ? 0 : 3, result, moved, null);
        }

        static Verdict failed(int exitCode, String error) {
            return new Verdict(RegressionRow.FAILED, exitCode, null, List.of(), error);
        }

        RegressionRow row(RowBase b) {
            RegressionConfig.Planned p = b.planned();
            SuiteReplay r = p.replay();
            return new RegressionRow(b.runId(), b.suite().name(), b.suite().version(), p.window().name(),
                    p.window().capture(), result == null ? p.window().baseline() : result.record().lineage().baseline(),
                    r.policy(), r.policyId(), r.policyVersion(),
                    p.candidate(), b.policySha256(), p.executionId(), status, exitCode,
                    (Double) figure(Figure.INCIDENT_PARITY), (Double) figure(Figure.BCUBED_F1),
                    (Boolean) figure(Figure.GATES_PASSED), (Long) figure(Figure.INCIDENTS), moved, error,
                    CodeVersion.get(), b.started(), b.seconds());
        }

        private Object figure(Figure f) {
            return result == null ? null : f.of(result);
        }
    }
}
