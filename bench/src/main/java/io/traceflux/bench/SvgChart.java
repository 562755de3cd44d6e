package io.traceflux.bench;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG bar chart (no scripts, no fonts to fetch): per window, the wall time of
 * the floor, the replay of one policy, the full replay (both split into their steps) and the
 * DuckDB peer's two runs.
 */
final class SvgChart {

    private static final int WIDTH = 860;
    private static final int LEFT = 110;
    private static final int RIGHT = 70;
    private static final int BAR = 16;
    private static final int GROUP_GAP = 18;
    private static final String FLOOR = "#9aa5b1";
    private static final String DUCK = "#e0a030";
    private static final String DUCK_ONE = "#f3cf7a";
    private static final int BARS = 5;
    private static final String[] STEPS = {"#1f4e79", "#2e75b6", "#5b9bd5", "#9dc3e6", "#4f8a3c", "#7fb069",
        "#b5d99c", "#c55a11"};

    private SvgChart() {
    }

    static String render(Bench.Run run) {
        List<CaseResult> results = run.results();
        double max = results.stream().mapToDouble(r -> Math.max(r.full().wall(), Math.max(r.one().wall(),
                r.floor().wallSeconds()))).max().orElse(1);
        double scale = (WIDTH - LEFT - RIGHT) / max;
        int legendHeight = 60;
        int height = 40 + results.size() * (BARS * BAR + GROUP_GAP) + legendHeight;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(LEFT, 20, "Wall time per window (s): floor, replay of one policy and full (by step), DuckDB peer",
                "bold"));
        int y = 36;
        for (CaseResult r : results) {
            svg.append(text(8, y + BAR * BARS / 2.0 + 4, r.name(), "bold"));
            svg.append(simpleBar(y, r.floor().wallSeconds(), scale, FLOOR, null));
            svg.append(replayBar(y + BAR, r.one(), scale, "one policy"));
            svg.append(replayBar(y + 2 * BAR, r.full(), scale, "full"));
            svg.append(simpleBar(y + 3 * BAR, r.peerOne().wall(), scale, DUCK_ONE, "one policy"));
            svg.append(simpleBar(y + 4 * BAR, r.peerFull().wall(), scale, DUCK, "two policies"));
            y += BARS * BAR + GROUP_GAP;
        }
        svg.append(legend(y, results.isEmpty() ? List.of() : results.get(0).full().log().steps()));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String simpleBar(int y, double seconds, double scale, String color, String label) {
        return bar(LEFT, y, seconds * scale, color, label)
                + text(LEFT + seconds * scale + 4, y + BAR - 4, seconds(seconds) + (label == null ? "" : "  " + label), null);
    }

    /** A replay's bar, split into the launcher's time and its steps. */
    private static String replayBar(int y, CaseResult.Replay replay, double scale, String label) {
        StringBuilder svg = new StringBuilder();
        double x = LEFT;
        double launcher = replay.wall() - replay.log().inProcessSeconds();
        if (launcher > 0) {
            svg.append(bar(x, y, launcher * scale, "#d9d9d9", "JVM start and launcher"));
            x += launcher * scale;
        }
        int i = 0;
        for (ReplayLog.Step s : replay.log().steps()) {
            svg.append(bar(x, y, s.seconds() * scale, STEPS[i++ % STEPS.length], s.what()));
            x += s.seconds() * scale;
        }
        return svg.append(text(x + 4, y + BAR - 4, seconds(replay.wall()) + "  " + label, "bold")).toString();
    }

    private static String legend(int y, List<ReplayLog.Step> steps) {
        StringBuilder l = new StringBuilder();
        int x = LEFT;
        l.append(swatch(x, y, FLOOR, "floor (read + write Delta)"));
        l.append(swatch(x + 190, y, DUCK_ONE, "DuckDB, one policy"));
        l.append(swatch(x + 340, y, DUCK, "DuckDB, two policies"));
        l.append(swatch(x + 500, y, "#d9d9d9", "replay: JVM + launcher"));
        int i = 0;
        int row = y + 18;
        int col = x;
        for (ReplayLog.Step s : steps) {
            l.append(swatch(col, row, STEPS[i++ % STEPS.length], "replay: " + s.what()));
            col += 240;
            if (col > WIDTH - 240) {
                col = x;
                row += 18;
            }
        }
        return l.toString();
    }

    private static String swatch(int x, int y, String color, String label) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y, color)
                + text(x + 16, y + 10, label, null);
    }

    private static String bar(double x, double y, double w, String color, String title) {
        String tip = title == null ? "" : "<title>" + escape(title) + "</title>";
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\">%s</rect>%n",
                x, y + 1, Math.max(w, 0.5), BAR - 2, color, tip);
    }

    private static String text(double x, double y, String s, String weight) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", x, y,
                weight == null ? "" : " font-weight=\"" + weight + "\"", escape(s));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
