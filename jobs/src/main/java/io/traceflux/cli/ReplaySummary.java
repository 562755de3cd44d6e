package io.traceflux.cli;

import io.traceflux.execution.ReplayConfig;
import io.traceflux.execution.ReplayResult;
import io.traceflux.parity.ComponentClass;
import io.traceflux.parity.GateResult;
import io.traceflux.parity.ParityReport;
import io.traceflux.warehouse.Table;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The short readable summary {@code replay} prints on stdout when it ends. */
final class ReplaySummary {

    private ReplaySummary() {
    }

    private static void printParity(ParityReport p, PrintStream out) {
        StringBuilder classes = new StringBuilder();
        for (ComponentClass c : ComponentClass.values()) {
            classes.append(' ').append(c.name()).append(' ').append(p.count(c));
        }
        out.printf(Locale.ROOT, "  parity     %d baseline vs %d replay incidents:%s%n", p.baselineIncidents(),
                p.replayIncidents(), classes);
        out.printf(Locale.ROOT, "    incident_parity %.4f  B-cubed P %.4f R %.4f F1 %.4f%n", p.incidentParity(),
                p.bcubed().precision(), p.bcubed().recall(), p.bcubed().f1());
        out.printf(Locale.ROOT, "    fingerprint_agreement %s  suppression_agreement %s  missing_critical %d  newly_suppressed %d%n",
                rate(p.fingerprintAgreement()), rate(p.suppressionAgreement()), p.missingCritical(), p.newlySuppressed());
        out.printf(Locale.ROOT, "    confidence %s%s%n", p.confidence().level(),
                p.confidence().reasons().isEmpty() ? "" : " (" + String.join("; ", p.confidence().reasons()) + ")");
        if (p.gates().isEmpty()) {
            out.println("  gates      none in the policy");
        }
        for (GateResult g : p.gates()) {
            out.printf(Locale.ROOT, "  gate       %-22s threshold %-8s actual %-8s %s%n", g.name(), number(g.threshold()),
                    number(g.actual()), g.passed() ? "passed" : g.reason() == null ? "FAILED" : "FAILED: " + g.reason());
        }
    }

    private static String rate(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.4f", value);
    }

    static void print(ReplayResult r, ReplayConfig config, PrintStream out) {
        var lineage = r.record().lineage();
        var sel = r.selection();
        out.printf(Locale.ROOT, "Replay %s %s in %.1f s%n", lineage.executionId(), r.record().status(), r.seconds());
        out.printf(Locale.ROOT, "  policy     %s  sha256 %s%n", config.policy().ref(), config.policy().sha256());
        out.printf(Locale.ROOT, "  capture    %s (%s%s)%n", lineage.capturePath(), lineage.captureFormat(),
                lineage.captureVersion() == null ? "" : " version " + lineage.captureVersion());
        out.printf(Locale.ROOT, "  window     [%s, %s)  scope %s  mode %s  baseline %s%n", lineage.windowStart(),
                lineage.windowEnd(), lineage.scope(), lineage.mode(), lineage.baseline());
        out.printf(Locale.ROOT, "  signals    %d read, %d selected, %d quarantined, %d outside the window, %d outside the scope%n",
                sel.inputRows(), sel.selected(), sel.quarantined(), sel.outOfWindow(), sel.outOfScope());
        for (Map.Entry<String, Long> q : sel.quarantinedByReason().entrySet()) {
            if (q.getValue() > 0) {
                out.printf(Locale.ROOT, "    quarantined %-24s %d%n", q.getKey(), q.getValue());
            }
        }
        long suppressed = r.suppressedByRule().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "  suppressed %d%n", suppressed);
        for (Map.Entry<String, Long> rule : r.suppressedByRule().entrySet()) {
            out.printf(Locale.ROOT, "    by %-27s %d%n", rule.getKey(), rule.getValue());
        }
        out.printf(Locale.ROOT, "  duplicates %d%n", r.duplicates());
        out.printf(Locale.ROOT, "  incidents  %d (%d signals in them), %d uncorrelated, %d with unknown severity%n",
                r.incidents(), r.incidentSignals(), r.uncorrelated(), r.unknownSeverity());
        r.parity().ifPresentOrElse(p -> printParity(p, out),
                () -> out.println("  parity     no baseline: no parity row, no gate evaluated"));
        out.printf(Locale.ROOT, "  tables     under %s (executions, replay_signals, replay_incidents, quarantine%s)%n",
                config.warehouse().root(), r.parity().isPresent() ? ", parity_report, incident_diffs, ..." : "");
        out.printf(Locale.ROOT, "  read them  spark.read.format(\"delta\").load(\"%s\").where(\"execution_id = '%s'\")%n",
                config.warehouse().tablePath(Table.REPLAY_INCIDENTS), lineage.executionId());
    }
}
