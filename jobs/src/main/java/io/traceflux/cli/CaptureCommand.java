package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.InvalidInputException;
import io.traceflux.capture.CutCapture;
import io.traceflux.capture.CutResult;
import io.traceflux.capture.Scope;
import io.traceflux.capture.TableRef;
import io.traceflux.capture.TimestampText;
import io.traceflux.execution.Progress;
import io.traceflux.policy.Durations;
import io.traceflux.policy.PolicySyntaxException;
import io.traceflux.spark.Sessions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code traceflux capture}: cut a capture folder out of a telemetry lake (SPEC 2.4). */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Cut one window of a telemetry lake (a Delta table or Parquet folder with the signal",
            "columns) into a capture folder: signals/, baseline/ (production's incidents, membership and",
            "actions for the cut signals) and capture.json, which records the lake's pinned version.",
            "Only the partitions and files that can hold the window are read. Re-running the same cut",
            "is a no-op; a different cut into an existing capture folder is refused (exit 2)."},
        footer = {"", "Examples:",
            "  traceflux capture --from /data/lake/signals --window-start 2026-11-20T10:00:00Z \\",
            "      --window-end 2026-11-20T10:10:00Z --scope 'region=eu-west' --out captures/fra1-outage",
            "  traceflux capture --from s3a://tel/lake@1842 --around INC-4711 --padding 5m \\",
            "      --incidents s3a://prod/incidents --membership s3a://prod/membership \\",
            "      --actions s3a://prod/actions --out s3a://tf/captures/inc-4711"})
final class CaptureCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "LAKE[@VERSION]",
            description = "The lake: a Delta table (@N pins version N; default: the latest, recorded) or a Parquet folder.")
    String from;

    @Option(names = "--window-start", paramLabel = "TS", description = "Cut signals at or after TS (with --window-end).")
    String windowStart;

    @Option(names = "--window-end", paramLabel = "TS", description = "Cut signals before TS.")
    String windowEnd;

    @Option(names = "--around", paramLabel = "INCIDENT_ID",
            description = "Cut the span of this production incident's signals (needs --incidents and --membership).")
    String around;

    @Option(names = "--padding", paramLabel = "D",
            description = "With --around: widen the span by D on each side (default 2m; durations like 90s, 5m).")
    String padding;

    @Option(names = "--search", paramLabel = "D",
            description = "With --around: look for the incident's signals within D of its opened_at (default 6h).")
    String search;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "Cut only signals in scope, e.g. 'region=eu-west,pop=fra1|ams2'. Default: all.")
    String scope;

    @Option(names = "--incidents", paramLabel = "TABLE[@VERSION]", description = "Production's incidents table.")
    String incidents;

    @Option(names = "--membership", paramLabel = "TABLE[@VERSION]",
            description = "Production's membership table (incident_id, signal_id).")
    String membership;

    @Option(names = "--actions", paramLabel = "TABLE[@VERSION]",
            description = "Production's actions table (incident_id, action_id, kind, target, fired_at).")
    String actions;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "The capture folder to create.")
    String out;

    @Option(names = "--capture-id", paramLabel = "ID", description = "Default: the name of the --out folder.")
    String captureId;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master URL. Default: what spark-submit set, else local[*].")
    String master;

    @Override
    public Integer call() {
        // Spark, the lake, the incident's span, the cut, production's tables.
        int steps = 3 + (around != null ? 1 : 0) + (incidents != null ? 1 : 0);
        Progress progress = new Progress(System.err, steps);
        CutCapture cut = configure(CutCapture.with(() -> {
            progress.step("starting Spark (" + (master == null ? "default master" : master) + ")");
            return Sessions.forJob("traceflux capture " + out, master);
        }));
        CutResult result = cut.progress(progress::step).execute();
        result.warnings().forEach(w -> System.err.println("traceflux: warning: " + w));
        print(result, System.out);
        return ExitCode.OK;
    }

    /** Every option parsed and checked, before Spark starts. */
    CutCapture configure(CutCapture cut) {
        cut.from(TableRef.parse("--from", "lake", from)).out(out);
        if (windowStart != null || windowEnd != null) {
            if (windowStart == null || windowEnd == null) {
                throw new InvalidInputException("--window-start and --window-end go together");
            }
            cut.window(TimestampText.option("--window-start", windowStart), TimestampText.option("--window-end", windowEnd));
        }
        if (around != null) {
            cut.around(around);
        } else if (padding != null || search != null) {
            throw new InvalidInputException((padding != null ? "--padding" : "--search") + " applies only with --around");
        }
        if (padding != null) {
            cut.padding(duration("--padding", padding));
        }
        if (search != null) {
            cut.search(duration("--search", search));
        }
        if (scope != null) {
            cut.scope(Scope.parse(scope));
        }
        if ((incidents == null) != (membership == null)) {
            throw new InvalidInputException("--incidents and --membership go together");
        }
        if (incidents != null) {
            cut.production(TableRef.parse("--incidents", "incidents", incidents),
                    TableRef.parse("--membership", "membership", membership));
        }
        if (actions != null) {
            cut.actions(TableRef.parse("--actions", "actions", actions));
        }
        if (captureId != null) {
            cut.captureId(captureId);
        }
        return cut;
    }

    static void print(CutResult r, PrintStream out) {
        if (r.unchanged()) {
            out.printf(Locale.ROOT, "Capture %s already holds this cut: nothing to do (%s)%n", r.captureId(), r.out());
        } else {
            out.printf(Locale.ROOT, "Cut capture %s in %.1f s: %s%n", r.captureId(), r.seconds(), r.out());
        }
        out.printf(Locale.ROOT, "  lake       %s  (%s)%n", r.source(), r.layout());
        out.printf(Locale.ROOT, "  window     %s  scope %s%s%n", r.window(), r.scope(),
                r.incidentId().map(id -> "  around incident " + id).orElse(""));
        out.printf(Locale.ROOT, "  signals    %d%n", r.signals());
        r.baseline().ifPresentOrElse(b -> out.printf(Locale.ROOT, "  baseline   %d incidents, %d membership rows%s%n",
                        b.incidents(), b.membership(), b.actions().map(a -> ", " + a + " actions").orElse("")),
                () -> out.println("  baseline   none (give --incidents and --membership to keep production's)"));
        if (!r.unchanged()) {
            out.printf(Locale.ROOT, "  read       %d of %d files, %s of %s (%.2f%% of the lake's bytes), listed by %s%n",
                    r.scan().filesRead(), r.lakeFiles(), bytes(r.scan().bytesRead()), bytes(r.lakeBytes()),
                    100 * r.bytesReadShare(), r.scan().listing());
        }
        out.printf(Locale.ROOT, "  replay it  traceflux replay --capture %s --policy ID@vN%n", r.out());
        out.flush();
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(n)) / 10;
        return String.format(Locale.ROOT, "%.1f %siB", n / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (PolicySyntaxException e) {
            throw new InvalidInputException(option + ": " + e.getMessage(), e);
        }
    }
}
