package io.traceflux.bundle;

import io.traceflux.warehouse.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * report.html: one self-contained page (inline CSS, script and SVG; a Content-Security-Policy
 * that forbids every request) with the parity headline, the gates, the timeline with member
 * panels, the diff tables, the affected signals and the governance record. Every value from
 * the tables goes through {@link Html#text}. Headline figures carry {@code data-figure} and
 * {@code data-value} (the parity.json value), gates {@code data-gate} and {@code data-passed}.
 */
final class ReportHtml {

    static final int ROWS_SHOWN = 200;
    static final int MEMBERS_SHOWN = 50;

    private static final List<String> MEMBER_COLUMNS =
            List.of("signal_id", "ts", "host", "check", "severity", "decision", "reason", "message");

    private final BundleContent c;
    private final StringBuilder html = new StringBuilder(1 << 16);

    private ReportHtml(BundleContent content) {
        this.c = content;
    }

    static String render(BundleContent content) {
        return new ReportHtml(content).build();
    }

    private String build() {
        String title = "Replay " + c.lineage().executionId() + ": " + Narrative.verdict(c);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(Html.text(ReportAssets.CSP))
                .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.text(title)).append("</title>\n<style>").append(ReportAssets.CSS)
                .append("</style>\n<script>").append(ReportAssets.SCRIPT).append("</script>\n</head>\n<body>\n");
        header();
        c.parity().ifPresentOrElse(this::parity, () -> html.append("<p class=\"callout\" id=\"no-baseline\">")
                .append(Html.text(Narrative.NO_BASELINE)).append("</p>\n"));
        timeline();
        c.parity().ifPresent(p -> changes());
        signals();
        governance();
        html.append("<footer class=\"note\">Written from the warehouse tables of execution ")
                .append(Html.text(c.lineage().executionId()))
                .append("; manifest.json lists every file of this bundle with its SHA-256.</footer>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    private void header() {
        String verdict = Narrative.verdict(c);
        String tone = c.parity().map(p -> Boolean.TRUE.equals(p.gatesPassed()) ? "pass" : "fail").orElse("none");
        html.append("<header><h1>Replay ").append(Html.text(c.lineage().executionId()))
                .append("</h1><p class=\"verdict ").append(tone).append("\" id=\"verdict\">").append(Html.text(verdict))
                .append("</p></header>\n<section id=\"lineage\"><h2>Execution</h2><dl class=\"facts\">");
        for (Narrative.Fact f : Narrative.facts(c.lineage())) {
            fact(f.label(), f.value());
        }
        html.append("</dl></section>\n");
    }

    private void parity(ParityFigures p) {
        html.append("<section id=\"headline\"><h2>Parity headline</h2><p>")
                .append(Html.text(Narrative.comparison(c, p))).append("</p><div class=\"figures\">");
        for (ParityFigures.Figure f : p.headline()) {
            html.append("<div class=\"figure\" data-figure=\"").append(Html.text(f.key())).append("\" data-value=\"")
                    .append(Html.text(BundleJson.compact(f.value()))).append("\"><span class=\"label\">")
                    .append(Html.text(f.label())).append("</span><span class=\"value\">").append(Html.text(f.display()))
                    .append("</span></div>");
        }
        html.append("</div></section>\n<section id=\"gates\"><h2>Gates</h2>");
        gates(p);
        html.append("</section>\n<section id=\"confidence\"><h2>Confidence: ")
                .append(Html.text(Formats.text(p.confidence()))).append("</h2><ul>");
        p.confidenceReasons().forEach(r -> html.append("<li>").append(Html.text(r)).append("</li>"));
        html.append("</ul></section>\n");
    }

    private void gates(ParityFigures p) {
        if (p.gates().isEmpty()) {
            html.append("<p class=\"note\">The policy defines no gate.</p>");
            return;
        }
        html.append("<table><tr><th>Gate</th><th>Threshold</th><th>Actual</th><th>Result</th></tr>");
        for (ParityFigures.Gate g : p.gates()) {
            html.append("<tr data-gate=\"").append(Html.text(g.name())).append("\" data-passed=\"")
                    .append(g.passed()).append("\"><td>").append(Html.text(g.name())).append("</td><td>")
                    .append(Html.text(Formats.number(g.threshold()))).append("</td><td>")
                    .append(Html.text(Formats.number(g.actual()))).append("</td><td class=\"")
                    .append(Boolean.TRUE.equals(g.passed()) ? "pass" : "fail").append("\">").append(Html.text(g.result()))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    private void timeline() {
        List<TimelineBar> bars = c.timeline().bars();
        List<String> panelIds = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            panelIds.add("panel-" + i);
        }
        html.append("<section id=\"timeline\"><h2>Timeline: baseline (B) vs replay (R) incidents</h2>")
                .append("<p class=\"legend\">");
        for (String cls : List.of("EXACT", "CHANGED", "SPLIT", "MERGED", "RESHAPED", "MISSING", "NEW",
                ComponentIndex.UNCOMPARED)) {
            html.append("<span class=\"swatch c-").append(cls).append("\"></span>").append(cls);
        }
        html.append("</p>");
        if (!c.timeline().baseline()) {
            html.append("<p class=\"note\">Only the replay side is drawn: the warehouse has no baseline_incidents "
                    + "for this execution.</p>");
        }
        c.timeline().omitted().forEach((side, n) -> {
            if (n > 0) {
                html.append("<p class=\"note\">").append(n).append(' ').append(side.label())
                        .append(" incidents are not drawn; they are in the tables.</p>");
            }
        });
        String svg = TimelineSvg.render(c.timeline(), panelIds);
        html.append(svg == null ? "<p class=\"note\">No incident and no window to draw.</p>"
                : "<div class=\"scroll\">" + svg + "</div>");
        html.append("<p class=\"note\">Hover a bar for its summary; click it (or press Enter) for its members.</p>");
        panels(bars, panelIds);
        html.append("</section>\n");
    }

    private void panels(List<TimelineBar> bars, List<String> panelIds) {
        Map<String, List<Row>> replayMembers = members("incident_id");
        Map<String, List<Row>> baselineMembers = members("baseline_incident_id");
        for (int i = 0; i < bars.size(); i++) {
            TimelineBar b = bars.get(i);
            html.append("<div class=\"panel\" id=\"").append(panelIds.get(i)).append("\" hidden><h3>")
                    .append(Html.text(b.side().label() + " incident " + b.incidentId())).append(" <span class=\"c-")
                    .append(Html.text(b.cls())).append(" swatch\"></span> ").append(Html.text(b.cls()))
                    .append("</h3><p>").append(Html.text(TimelineSvg.tooltip(b).replace(" (click for members)", "")))
                    .append("<br>lane ").append(Html.text(b.lane()));
            c.components().component(b.side(), b.incidentId()).ifPresent(d -> html.append("<br>component ")
                    .append(Html.text(d.componentId())).append(": baseline ")
                    .append(Html.text(String.join(", ", d.baselineIds()))).append(" / replay ")
                    .append(Html.text(String.join(", ", d.replayIds()))));
            html.append("</p>");
            List<Row> members = (b.side() == Side.REPLAY ? replayMembers : baselineMembers)
                    .getOrDefault(b.incidentId(), List.of());
            if (members.isEmpty()) {
                html.append("<p class=\"note\">").append(Html.text(noMembers(b))).append("</p>");
            } else {
                rows(members.subList(0, Math.min(members.size(), MEMBERS_SHOWN)), MEMBER_COLUMNS);
                if (members.size() > MEMBERS_SHOWN) {
                    html.append("<p class=\"note\">").append(members.size() - MEMBERS_SHOWN)
                            .append(" more in signals/.</p>");
                }
            }
            html.append("</div>");
        }
    }

    private String noMembers(TimelineBar b) {
        String where = b.side() == Side.REPLAY ? "replay_signals where incident_id = '" + b.incidentId() + "'"
                : "the baseline's membership";
        return "EXACT".equals(b.cls())
                ? "EXACT: the same signals on both sides; members are not copied into the bundle (see " + where + ")."
                : "Members are not in this bundle (see " + where + ").";
    }

    /** Section rows by incident id, for the member panels. */
    private Map<String, List<Row>> members(String column) {
        Map<String, List<Row>> byIncident = new HashMap<>();
        for (ExportedTable s : c.signals().values()) {
            if (s.name().equals(AffectedSignals.NEWLY_SUPPRESSED.name())) {
                continue;
            }
            for (Row r : s.head()) {
                String id = RowValues.string(r, column);
                if (id != null) {
                    byIncident.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
                }
            }
        }
        return byIncident;
    }

    private void changes() {
        html.append("<section id=\"changes\"><h2>Worst changes first</h2>");
        List<DiffComponent> worst = c.worstChanges();
        if (worst.isEmpty()) {
            html.append("<p>Every incident is EXACT.</p>");
        } else {
            html.append("<ol>");
            worst.stream().limit(ROWS_SHOWN).forEach(d -> html.append("<li data-component-id=\"")
                    .append(Html.text(d.componentId())).append("\">").append(Html.text(Narrative.change(c, d)))
                    .append("</li>"));
            html.append("</ol>");
        }
        html.append("</section>\n<section id=\"diffs\"><h2>Why: rule impact and diffs</h2>");
        for (Table t : List.of(Table.RULE_IMPACT, Table.BLAST_RADIUS, Table.INCIDENT_DIFFS,
                Table.FINGERPRINT_DIFFS, Table.SUPPRESSION_DIFFS, Table.CORRELATION_DIFFS)) {
            c.table(t).ifPresent(this::table);
        }
        html.append("</section>\n");
    }

    private void signals() {
        if (c.signals().isEmpty() && c.signalsNote() == null) {
            return;
        }
        html.append("<section id=\"signals\"><h2>Signals of the affected incidents</h2>");
        if (c.signalsNote() != null) {
            html.append("<p class=\"note\">").append(Html.text(c.signalsNote())).append("</p>");
        }
        for (AffectedSignals.Section s : AffectedSignals.SECTIONS) {
            ExportedTable e = c.signals().get(s.name());
            if (e != null) {
                html.append("<h3>").append(Html.text(s.title())).append("</h3>");
                table(e);
            }
        }
        html.append("</section>\n");
    }

    private void governance() {
        Lineage l = c.lineage();
        html.append("<section id=\"governance\"><h2>Governance record</h2><dl class=\"facts\">");
        fact("Mode", l.text("mode"));
        fact("Triggered by", l.text("triggered_by"));
        fact("Reason", l.text("reason"));
        fact("Status", l.text("status"));
        fact("Gates", c.parity().map(p -> p.gates().isEmpty() ? "none defined"
                : Boolean.TRUE.equals(p.gatesPassed()) ? "all passed" : "FAILED")
                .orElse("not evaluated (no baseline)"));
        html.append("</dl>");
        Optional<ExportedTable> approvals = c.table(Table.APPROVALS).filter(t -> t.total() > 0);
        if (approvals.isPresent()) {
            table(approvals.get());
        } else {
            html.append("<p id=\"approvals\">No approvals recorded.</p>");
        }
        html.append("</section>\n");
    }

    private void fact(String label, String value) {
        html.append("<dt>").append(Html.text(label)).append("</dt><dd>").append(Html.text(Formats.text(value)))
                .append("</dd>");
    }

    /** A table's first rows, with a note pointing at the files for the rest. */
    private void table(ExportedTable e) {
        html.append("<h3 id=\"t-").append(Html.text(e.name())).append("\">").append(Html.text(e.name()))
                .append("</h3>");
        List<String> columns = e.columns().stream().filter(n -> !n.equals(Table.EXECUTION_ID)).toList();
        List<Row> shown = e.head().subList(0, Math.min(e.head().size(), ROWS_SHOWN));
        html.append("<p class=\"note\">").append(shown.size()).append(" of ").append(e.total())
                .append(" rows shown; ").append(e.written()).append(" in ")
                .append(Html.text(String.join(" and ", e.files())))
                .append(e.omitted() > 0 ? "; " + e.omitted() + " more in the table" : "").append(".</p>");
        if (!shown.isEmpty()) {
            rows(shown, columns);
        }
    }

    private void rows(List<Row> rows, List<String> columns) {
        html.append("<div class=\"scroll\"><table><tr>");
        columns.forEach(n -> html.append("<th>").append(Html.text(n)).append("</th>"));
        html.append("</tr>");
        for (Row r : rows) {
            html.append("<tr>");
            columns.forEach(n -> html.append("<td>").append(Html.text(Cells.text(r, n))).append("</td>"));
            html.append("</tr>");
        }
        html.append("</table></div>");
    }
}
