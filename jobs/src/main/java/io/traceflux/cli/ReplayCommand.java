package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.InvalidInputException;
import io.traceflux.capture.CaptureRef;
import io.traceflux.capture.Scope;
import io.traceflux.capture.TimeRange;
import io.traceflux.capture.TimestampText;
import io.traceflux.execution.BaselineSpec;
import io.traceflux.execution.ExecutionId;
import io.traceflux.execution.Mode;
import io.traceflux.execution.Progress;
import io.traceflux.execution.ReplayConfig;
import io.traceflux.execution.ReplayResult;
import io.traceflux.execution.RunReplay;
import io.traceflux.governance.Identity;
import io.traceflux.policy.Policy;
import io.traceflux.policy.PolicyRef;
import io.traceflux.spark.Sessions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code traceflux replay}: one replay execution (SPEC 7.1). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a captured window through a pinned policy version and write the execution's tables.",
        footer = {"", "Examples:",
            "  traceflux replay --capture test-data/captures/nezha-tt-2023-01-29 --policy tt-checkout@v2",
            "  traceflux replay --capture s3a://captures/inc-4711@12 --policy policies/edge/v3.yaml \\",
            "      --scope 'region=eu-west,pop=fra1|ams2' --execution-id nightly-2026-11-25 --warehouse s3a://tf/wh"})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--capture", required = true, paramLabel = "PATH[@VERSION]",
            description = "Capture folder; @N pins a Delta signals table to version N.")
    String capture;

    @Option(names = "--policy", required = true, paramLabel = "PATH|ID@vN",
            description = "Policy file, or ID@vN resolved under the policies folder.")
    String policy;

    @Option(names = "--policy-sha256", paramLabel = "HEX",
            description = "Refuse to run unless the policy's canonical SHA-256 is this.")
    String policySha256;

    @Option(names = "--baseline", paramLabel = "production|execution:ID|policy:REF",
            description = "What to compare with (or none). Default: production when the capture has baseline/, else none.")
    String baseline;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "e.g. 'region=eu-west,pop=fra1|ams2'. Default: the whole capture.")
    String scope;

    @Option(names = "--window-start", paramLabel = "TS", description = "Replay only signals at or after TS.")
    String windowStart;

    @Option(names = "--window-end", paramLabel = "TS", description = "Replay only signals before TS.")
    String windowEnd;

    @Option(names = "--mode", defaultValue = "dry-run", paramLabel = "dry-run|enforced",
            description = "Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--execution-id", paramLabel = "ID",
            description = "Re-running an id replaces its rows. Default: a fresh id.")
    String executionId;

    @Option(names = "--triggered-by", paramLabel = "NAME",
            description = "Who asked. Default: $" + Identity.ENV + ", else the OS user.")
    String triggeredBy;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why this replay runs.")
    String reason;

    @Option(names = "--policies", paramLabel = "DIR",
            description = "Folder that ID@vN resolves under. Default: $TRACEFLUX_POLICIES, else ./policies.")
    Path policiesRoot;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ReplayConfig config = config();
        Progress progress = new Progress(System.err, RunReplay.steps() + 1);
        progress.step("starting Spark (" + (common.master == null ? "default master" : common.master) + ")");
        SparkSession spark = Sessions.forJob("traceflux replay " + config.executionId(), common.master);
        ReplayResult result = new RunReplay(spark, config, progress).execute();
        ReplaySummary.print(result, config, System.out);
        return result.gatesPassed() ? ExitCode.OK : ExitCode.GATE_FAILED;
    }

    /** Parses and validates every argument, and loads the policy, before Spark starts. */
    ReplayConfig config() {
        Policy loaded = PolicyRef.resolve(policy, policiesRoot());
        if (policySha256 != null && !policySha256.toLowerCase(Locale.ROOT).equals(loaded.sha256())) {
            throw new InvalidInputException("--policy-sha256: " + loaded.ref() + " (" + loaded.source()
                    + ") has canonical SHA-256 " + loaded.sha256() + ", not the pinned " + policySha256
                    + ": the policy changed since it was pinned");
        }
        Instant now = Instant.now();
        return new ReplayConfig(CaptureRef.parse(capture), loaded,
                BaselineSpec.parse(baseline, ref -> PolicyRef.resolve(ref, policiesRoot())),
                scope == null ? Scope.all() : Scope.parse(scope),
                new TimeRange(instant("--window-start", windowStart), instant("--window-end", windowEnd)),
                Mode.parse(mode), executionId == null ? ExecutionId.fresh(now) : ExecutionId.check(executionId),
                Identity.resolve(triggeredBy, "--triggered-by"), reason,
                common.warehouse(), common.master);
    }

    private Path policiesRoot() {
        return PoliciesFolder.orDefault(policiesRoot);
    }

    private static Instant instant(String option, String text) {
        if (text == null) {
            return null;
        }
        return TimestampText.option(option, text);
    }
}
