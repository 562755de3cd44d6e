package io.traceflux.cli;

import io.traceflux.regress.RegressionConfig;
import io.traceflux.regress.RegressionResult;
import io.traceflux.regress.RegressionRow;
import io.traceflux.warehouse.Table;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/** The table {@code regress} prints on stdout when it ends: one line per window and policy version. */
final class RegressionSummary {

    private static final String LINE = "%-32s %-22s %-9s %4s %7s %7s %-7s %7s  %s%n";

    private RegressionSummary() {
    }

    static void print(RegressionResult result, RegressionConfig config, PrintStream out) {
        out.printf(Locale.ROOT, "Regression run %s of suite %s v%d (%s)%n", result.runId(), result.suite().name(),
                result.suite().version(), result.suite().file());
        out.printf(Locale.ROOT, LINE, "window", "policy", "status", "exit", "parity", "F1", "gates", "seconds",
                "moved (pinned -> now)");
        for (RegressionRow r : result.rows()) {
            out.printf(Locale.ROOT, LINE, r.window(), r.policy() + (r.candidate() ? " *" : ""), r.status(),
                    r.exitCode(), rate(r.incidentParity()), rate(r.bcubedF1()), gates(r),
                    String.format(Locale.ROOT, "%.1f", r.seconds()),
                    r.moved().stream().map(Object::toString).collect(Collectors.joining(", ")));
            if (r.error() != null) {
                out.println("    error: " + r.error().replaceAll("\\s+", " "));
            }
        }
        if (result.rows().stream().anyMatch(RegressionRow::candidate)) {
            out.println("* candidate " + config.candidate().orElseThrow().ref());
        }
        out.printf(Locale.ROOT, "%d replays: %d passed, %d regressed, %d failed in %.1f s; exit %d%n",
                result.rows().size(), result.count(RegressionRow.PASSED), result.count(RegressionRow.REGRESSED),
                result.count(RegressionRow.FAILED), result.seconds(), result.exitCode());
        out.printf(Locale.ROOT, "  read them  spark.read.format(\"delta\").load(\"%s\").where(\"run_id = '%s'\")%n",
                config.warehouse().tablePath(Table.REGRESSION_RUNS), result.runId());
    }

    private static String rate(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String gates(RegressionRow r) {
        if (r.gatesPassed() == null) {
            return "-";
        }
        // A failed gate on a passed row is one the suite pins as failing (gates_passed: false).
        return r.gatesPassed() ? "passed" : "FAILED";
    }
}
