package io.traceflux.bundle;

import io.traceflux.warehouse.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;

/**
 * The sentences and selections the summary and the report share, as plain (unescaped) text:
 * the verdict, the comparison in one sentence, the rules that changed something, the lineage
 * facts. Each renderer escapes them for its own format.
 */
final class Narrative {

    /** rule_impact's changed-signal count: the first of these names that the row has. */
    static final List<String> RULE_IMPACT_CHANGED = List.of("signals_changed");

    /** blast_radius's changed-signal count: SPEC's name, then the parity step's current name. */
    static final List<String> BLAST_RADIUS_CHANGED = List.of("signals_changed", "changed_signals");

    /** A labelled fact of the lineage header. */
    record Fact(String label, String value) {
    }

    static final String NO_BASELINE = "No baseline: this execution was not compared with a baseline, so it has "
            + "no parity report, evaluated no gate and can never be promoted.";

    private Narrative() {
    }

    /** e.g. {@code gates passed}, {@code gates FAILED}, {@code no baseline}, plus a status that is not succeeded. */
    static String verdict(BundleContent c) {
        String verdict = c.parity().map(p -> {
            Boolean passed = p.gatesPassed();
            return passed == null ? "gates not recorded" : passed ? "gates passed" : "gates FAILED";
        }).orElse("no baseline");
        String status = c.lineage().text("status");
        return status == null || status.equals("succeeded") ? verdict : verdict + ", status " + status;
    }

    static List<Fact> facts(Lineage l) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Policy", l.text("policy_id") + " v" + Formats.text(l.text("policy_version"))
                + " (sha256 " + Formats.text(l.text("policy_sha256")) + ")"));
        facts.add(new Fact("Baseline", Objects.requireNonNullElse(l.text("baseline"), "none")));
        facts.add(new Fact("Capture", Formats.text(l.text("capture_id")) + " at " + Formats.text(l.text("capture_path"))
                + (l.text("capture_version") != null ? " (Delta version " + l.text("capture_version") + ")"
                        : " (" + Objects.requireNonNullElse(l.text("capture_format"), "unversioned") + ")")));
        facts.add(new Fact("Scope", Objects.requireNonNullElse(l.text("scope"), "whole capture")));
        facts.add(new Fact("Window", Formats.instant(l.instant("window_start")) + " to "
                + Formats.instant(l.instant("window_end")) + " (UTC, end excluded)"));
        facts.add(new Fact("Mode", Formats.text(l.text("mode")) + ", status " + Formats.text(l.text("status"))));
        facts.add(new Fact("Triggered by", Formats.text(l.text("triggered_by"))
                + (l.text("reason") != null ? ": " + l.text("reason") : "")));
        facts.add(new Fact("Ran", Formats.instant(l.instant("started_at")) + " to "
                + Formats.instant(l.instant("finished_at")) + "; code " + Formats.text(l.text("code_version"))
                + ", Spark " + Formats.text(l.text("spark_version"))
                + ", Delta " + Formats.text(l.text("delta_version"))));
        if (l.text("error") != null) {
            facts.add(new Fact("Error", l.text("error")));
        }
        return facts;
    }

    /** What changed against the baseline, in one sentence. */
    static String comparison(BundleContent c, ParityFigures p) {
        StringBuilder s = new StringBuilder("Against the baseline (")
                .append(Objects.requireNonNullElse(c.lineage().text("baseline"), "unnamed"))
                .append("), the replay formed ").append(Formats.count(p.count("replay_incidents")))
                .append(" incidents for ").append(Formats.count(p.count("baseline_incidents")))
                .append(" baseline incidents: ");
        List<String> parts = new ArrayList<>();
        for (String cls : List.of("exact", "changed", "split", "merged", "reshaped", "missing", "new")) {
            parts.add(Formats.count(p.count(cls)) + " " + cls.toUpperCase(Locale.ROOT));
        }
        s.append(String.join(", ", parts)).append(" components. Incident parity is ")
                .append(Formats.ratio(p.ratio("incident_parity"))).append(", B-cubed F1 ")
                .append(Formats.ratio(p.ratio("bcubed_f1"))).append('.');
        c.signals().values().stream().filter(t -> t.name().equals(AffectedSignals.NEWLY_SUPPRESSED.name()))
                .findFirst()
                .ifPresent(t -> s.append(" Signals newly suppressed: ").append(t.total()).append('.'));
        return s.toString();
    }

    /** Rule impact rows that changed at least one signal, most signals first. */
    static List<Row> impactfulRules(BundleContent c) {
        List<Row> rows = new ArrayList<>(c.table(Table.RULE_IMPACT).map(ExportedTable::head).orElse(List.of()));
        rows.removeIf(r -> changed(r, RULE_IMPACT_CHANGED) <= 0);
        rows.sort(Comparator.comparingLong((Row r) -> -changed(r, RULE_IMPACT_CHANGED))
                .thenComparing(r -> Objects.requireNonNullElse(RowValues.string(r, "rule_id"), "")));
        return rows;
    }

    /** Blast radius rows, most changed signals first. */
    static List<Row> widestBlast(BundleContent c) {
        List<Row> rows = new ArrayList<>(c.table(Table.BLAST_RADIUS).map(ExportedTable::head).orElse(List.of()));
        rows.removeIf(r -> changed(r, BLAST_RADIUS_CHANGED) <= 0);
        rows.sort(Comparator.comparingLong((Row r) -> -changed(r, BLAST_RADIUS_CHANGED))
                .thenComparing(r -> Objects.requireNonNullElse(RowValues.string(r, "dimension"), ""))
                .thenComparing(r -> Objects.requireNonNullElse(RowValues.string(r, "value"), "")));
        return rows;
    }

    /** One line per worst change: class, severity, both sides' ids, title and attribute changes. */
    static String change(BundleContent c, DiffComponent d) {
        Map<Side, Map<String, String>> severities = c.severities();
        String title = c.timeline().bars().stream()
                .filter(b -> (b.side() == Side.BASELINE ? d.baselineIds() : d.replayIds()).contains(b.incidentId()))
                .map(TimelineBar::title).filter(Objects::nonNull).findFirst().orElse(null);
        StringBuilder s = new StringBuilder(d.cls()).append(" (")
                .append(WorstChanges.severity(d, severities).canonicalName()).append("): baseline ")
                .append(ids(d.baselineIds())).append(" -> replay ").append(ids(d.replayIds()));
        if (title != null) {
            s.append(" \"").append(title).append('"');
        }
        s.append("; shared ").append(Formats.count(d.shared())).append(", baseline only ")
                .append(Formats.count(d.baselineOnly())).append(", replay only ").append(Formats.count(d.replayOnly()));
        if (!d.changes().isEmpty()) {
            s.append("; ").append(String.join("; ", d.changes()));
        }
        return s.toString();
    }

    /** Quarantined rows per reason, e.g. {@code invalid_ts 3, null_signal_id 1}. */
    static String quarantine(BundleContent c) {
        if (c.quarantine().isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        c.quarantine().forEach((reason, n) -> parts.add(reason + " " + n));
        return String.join(", ", parts);
    }

    private static String ids(List<String> ids) {
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private static long changed(Row r, List<String> columns) {
        for (String column : columns) {
            Long n = RowValues.longValue(r, column);
            if (n != null) {
                return n;
            }
        }
        return 0;
    }
}
