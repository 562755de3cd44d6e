package io.traceflux.cli;

import io.traceflux.execution.Progress;
import io.traceflux.policy.Policy;
import io.traceflux.policy.PolicyRef;
import io.traceflux.regress.RegressionConfig;
import io.traceflux.regress.RegressionResult;
import io.traceflux.regress.RunRegression;
import io.traceflux.regress.Suite;
import io.traceflux.regress.SuiteReader;
import io.traceflux.spark.Sessions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code traceflux regress}: the nightly policy regression over a suite of golden windows (SPEC 7.2). */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Replay every window and policy version of a suite in one Spark application, compare the "
                + "figures the suite pins, and write regression_runs.",
            "Exit 0 when every gate passed and no pinned figure moved, 3 when a gate failed or a figure moved, "
                + "1 when a window could not run, 2 when the suite or an argument is invalid."},
        footer = {"", "Examples:",
            "  traceflux regress --suite test-data/golden/suite.yaml",
            "  traceflux regress --suite test-data/golden/suite.yaml --candidate hpc-storm@v3",
            "  traceflux regress --suite suites/edge.yaml --run-id nightly-2026-12-07 --warehouse s3a://tf/wh"})
final class RegressCommand implements Callable<Integer> {

    @Option(names = "--suite", required = true, paramLabel = "FILE",
            description = "Suite file (YAML or JSON): the golden windows and the policy versions to replay.")
    Path suite;

    @Option(names = "--candidate", paramLabel = "ID@vN|PATH",
            description = "Also replay this policy version on every window that lists a version of its policy id.")
    String candidate;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Keys regression_runs and starts every execution id; re-running it replaces its rows. "
                    + "Default: <suite>-<UTC date>[-<candidate id>-v<N>].")
    String runId;

    @Option(names = "--policies", paramLabel = "DIR",
            description = "Folder that ID@vN resolves under. Default: the suite's policies_folder, "
                    + "else $TRACEFLUX_POLICIES, else ./policies.")
    Path policiesRoot;

    @Option(names = "--triggered-by", paramLabel = "NAME", description = "Who asked. Default: $USER.")
    String triggeredBy;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "Replays run side by side in the one application, each in its own Spark session "
                    + "(1 to 8; each adds a replay's driver memory). A small window's replay is mostly "
                    + "driver work, so two keep two cores busy. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        RegressionConfig config = config();
        Progress progress = new Progress(System.err, 1);
        progress.step("starting Spark (" + (common.master == null ? "default master" : common.master) + ") for "
                + config.plan().size() + " replays of suite " + config.suite().name() + " as run " + config.runId());
        SparkSession spark = Sessions.forJob("traceflux regress " + config.runId(), common.master);
        RegressionResult result = new RunRegression(spark, config, System.err).execute();
        RegressionSummary.print(result, config, System.out);
        // One line per reason on stderr, where a scheduler's log shows why the run failed.
        result.rows().forEach(r -> r.reasons().forEach(reason -> System.err.println("regress: " + reason)));
        return result.exitCode();
    }

    /** Reads and validates the suite and every argument, and loads the candidate, before Spark starts. */
    RegressionConfig config() {
        Suite read = SuiteReader.read(suite);
        Path root = policiesRoot(read);
        Optional<Policy> loaded = Optional.ofNullable(candidate).map(c -> PolicyRef.resolve(c, root));
        return new RegressionConfig(read, loaded, runId != null ? runId : RegressionConfig.defaultRunId(read, loaded),
                root, triggeredBy != null ? triggeredBy : System.getProperty("user.name", "unknown"),
                common.warehouse(), common.master, parallel);
    }

    private Path policiesRoot(Suite read) {
        return policiesRoot != null ? policiesRoot : read.policiesFolder().orElseGet(() -> PoliciesFolder.orDefault(null));
    }
}
