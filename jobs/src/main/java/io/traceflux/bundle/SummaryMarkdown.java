package io.traceflux.bundle;

import io.traceflux.warehouse.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * summary.md: a ticket-ready Markdown summary. What changed against the baseline and why
 * (rule impact), the headline figures, the gates, the confidence with its reasons, the scope
 * and the worst changes first. Every value from the tables goes through {@link Markdown#text}.
 */
final class SummaryMarkdown {

    static final int WORST_SHOWN = 20;
    static final int ROWS_SHOWN = 10;

    private final BundleContent c;
    private final StringBuilder md = new StringBuilder();

    private SummaryMarkdown(BundleContent content) {
        this.c = content;
    }

    static String render(BundleContent content) {
        return new SummaryMarkdown(content).build();
    }

    private String build() {
        md.append("# Replay ").append(t(c.lineage().executionId())).append(": ").append(t(Narrative.verdict(c)))
                .append("\n\n");
        table(List.of("", ""), Narrative.facts(c.lineage()).stream()
                .map(f -> List.of("**" + f.label() + "**", t(f.value()))).toList());
        c.parity().ifPresentOrElse(this::comparison, () -> md.append("> ").append(t(Narrative.NO_BASELINE))
                .append("\n\n"));
        dataQuality();
        files();
        return md.toString();
    }

    private void comparison(ParityFigures p) {
        md.append("## What changed vs the baseline\n\n").append(t(Narrative.comparison(c, p))).append("\n\n");
        md.append("### Why: rule impact\n\n");
        List<Row> rules = Narrative.impactfulRules(c);
        if (rules.isEmpty()) {
            md.append("No rule or grouping changed a signal against the baseline.\n\n");
        } else {
            table(List.of("Rule", "Kind", "Signals changed", "Incidents affected"), rules.stream()
                    .map(r -> cells(r, "rule_id", "kind", "signals_changed", "incidents_affected")).toList());
        }
        md.append("## Headline figures\n\n");
        table(List.of("Figure", "Value"), p.headline().stream()
                .map(f -> List.of(t(f.label()), t(f.display()))).toList());
        gates(p);
        md.append("## Confidence: ").append(t(Formats.text(p.confidence()))).append("\n\n");
        p.confidenceReasons().forEach(r -> md.append("- ").append(t(r)).append('\n'));
        md.append(p.confidenceReasons().isEmpty() ? "No reason recorded.\n\n" : "\n");
        worstChanges();
        blastRadius();
    }

    private void gates(ParityFigures p) {
        md.append("## Gates\n\n");
        if (p.gates().isEmpty()) {
            md.append("The policy defines no gate.\n\n");
            return;
        }
        table(List.of("Gate", "Threshold", "Actual", "Result"), p.gates().stream()
                .map(g -> List.of(t(g.name()), t(Formats.number(g.threshold())), t(Formats.number(g.actual())),
                        Boolean.FALSE.equals(g.passed()) ? "**" + t(g.result()) + "**" : g.result()))
                .toList());
    }

    private void worstChanges() {
        md.append("## Worst changes first\n\n");
        List<DiffComponent> worst = c.worstChanges();
        if (worst.isEmpty()) {
            md.append("Every incident is EXACT.\n\n");
            return;
        }
        for (int i = 0; i < Math.min(worst.size(), WORST_SHOWN); i++) {
            md.append(i + 1).append(". ").append(t(Narrative.change(c, worst.get(i)))).append('\n');
        }
        if (worst.size() > WORST_SHOWN) {
            md.append("\n").append(worst.size() - WORST_SHOWN).append(" more in tables/incident\\_diffs.csv.\n");
        }
        md.append('\n');
    }

    private void blastRadius() {
        List<Row> rows = Narrative.widestBlast(c);
        if (rows.isEmpty()) {
            return;
        }
        md.append("## Blast radius\n\n");
        List<List<String>> shown = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(rows.size(), ROWS_SHOWN))) {
            List<String> cells = new ArrayList<>(cells(r, "dimension", "value", "baseline_incidents",
                    "replay_incidents"));
            cells.add(t(Narrative.BLAST_RADIUS_CHANGED.stream().map(n -> Cells.text(r, n))
                    .filter(s -> !s.isEmpty()).findFirst().orElse("")));
            cells.add(t(Cells.text(r, "newly_suppressed")));
            shown.add(cells);
        }
        table(List.of("Dimension", "Value", "Baseline incidents", "Replay incidents", "Signals changed",
                "Newly suppressed"), shown);
    }

    private void dataQuality() {
        md.append("## Data quality\n\n");
        c.lineage().counts().forEach(f -> md.append("- ").append(t(f.name().replace('_', ' '))).append(": ")
                .append(t(Formats.count(c.lineage().number(f.name())))).append('\n'));
        md.append("- quarantined by reason: ").append(t(Narrative.quarantine(c))).append("\n\n");
    }

    private void files() {
        md.append("## In this bundle\n\n")
                .append("- report.html: the same with a timeline of baseline and replay incidents (opens offline)\n")
                .append("- parity.json, tables/ and signals/ (CSV and JSON Lines): the figures and rows behind it\n")
                .append("- manifest.json: lineage and the SHA-256 of every file; check with "
                        + "`traceflux bundle verify <folder or zip>`\n");
        for (ExportedTable s : c.signals().values()) {
            if (s.omitted() > 0) {
                md.append("- signals/").append(t(s.name())).append(": ").append(s.written()).append(" of ")
                        .append(s.total()).append(" rows; ").append(s.omitted()).append(" more in the table\n");
            }
        }
        if (c.signalsNote() != null) {
            md.append("- ").append(t(c.signalsNote())).append('\n');
        }
    }

    private List<String> cells(Row r, String... columns) {
        List<String> cells = new ArrayList<>();
        for (String column : columns) {
            cells.add(t(Cells.text(r, column)));
        }
        return cells;
    }

    /** A pipe table whose cells are already escaped. */
    private void table(List<String> header, List<List<String>> rows) {
        md.append('|');
        header.forEach(h -> md.append(' ').append(h).append(" |"));
        md.append("\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<String> row : rows) {
            md.append('|');
            row.forEach(cell -> md.append(' ').append(cell).append(" |"));
            md.append('\n');
        }
        md.append('\n');
    }

    private static String t(String value) {
        return Markdown.text(value);
    }
}
