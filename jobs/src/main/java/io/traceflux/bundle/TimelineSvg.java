package io.traceflux.bundle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The timeline as inline SVG: one lane per group key, the baseline's bars above the replay's,
 * overlapping bars of one side stacked on extra rows. Each bar is a {@code <rect>} from
 * opened_at to last_signal_at carrying {@code data-side}, {@code data-incident-id},
 * {@code data-class} and {@code data-panel} (the id of its member panel), with a
 * {@code <title>} for the hover text. Dashed lines mark the window's bounds.
 *
 * <p>Each firing of an action is a {@code <circle class="mark k-<kind>">} on its incident's bar
 * at fires_at (hollow when a cooldown held it), carrying {@code data-side},
 * {@code data-incident-id}, {@code data-kind}, {@code data-target} and {@code data-fires-at};
 * the first replay firing of a KEPT action that moved also carries
 * {@code data-shift-seconds}, and a {@code <line class="shift">} runs on its bar from the
 * baseline's first firing to it, so a page that moved later shows at a glance.
 */
final class TimelineSvg {

    static final int WIDTH = 1100;
    private static final int LABEL = 210;
    private static final int RIGHT = 50;
    private static final int TOP = 34;
    private static final int ROW = 16;
    private static final int BAR = 12;
    private static final int LANE_GAP = 10;
    private static final int TICKS = 6;
    private static final double MIN_BAR = 3;
    private static final int MARK = 4;

    private final Timeline timeline;
    private final Instant start;
    private final Instant end;
    private final StringBuilder svg = new StringBuilder();

    private TimelineSvg(Timeline timeline, Instant[] domain) {
        this.timeline = timeline;
        this.start = domain[0];
        this.end = domain[1];
    }

    /** The SVG, or null when there is nothing to place in time (no window and no incident). */
    static String render(Timeline timeline, List<String> panelIds) {
        Instant[] domain = timeline.domain();
        return domain == null ? null : new TimelineSvg(timeline, domain).build(panelIds);
    }

    private String build(List<String> panelIds) {
        List<String> lanes = timeline.lanes();
        StringBuilder body = new StringBuilder();
        Map<String, Integer> rowOf = new HashMap<>();
        int y = TOP;
        for (String lane : lanes) {
            int laneTop = y;
            for (Side side : Side.values()) {
                List<List<Integer>> rows = pack(lane, side);
                for (List<Integer> row : rows) {
                    for (int i : row) {
                        TimelineBar b = timeline.bars().get(i);
                        bar(body, b, panelIds.get(i), y);
                        rowOf.put(key(b.side(), b.incidentId()), y);
                    }
                    body.append("<text class=\"side\" x=\"").append(LABEL - 6).append("\" y=\"")
                            .append(y + BAR - 2).append("\" text-anchor=\"end\">")
                            .append(side == Side.BASELINE ? "B" : "R").append("</text>");
                    y += ROW;
                }
            }
            body.append("<text class=\"lane\" x=\"4\" y=\"").append(laneTop + BAR - 2).append("\">")
                    .append(Html.text(shorten(lane))).append("<title>").append(Html.text(lane))
                    .append("</title></text>");
            y += LANE_GAP;
            int separator = y - LANE_GAP / 2;
            body.append("<line class=\"lane-sep\" x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"")
                    .append(separator).append("\" y2=\"").append(separator).append("\"/>");
        }
        int height = Math.max(y, TOP + ROW) + 6;
        svg.append("<svg id=\"timeline-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"Timeline of baseline and replay incidents\">");
        axis(height);
        svg.append(body);
        marks(rowOf);
        window(height);
        return svg.append("</svg>").toString();
    }

    /** Indices (into the timeline's bars) of one lane and side, stacked so no two on a row overlap. */
    private List<List<Integer>> pack(String lane, Side side) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < timeline.bars().size(); i++) {
            TimelineBar b = timeline.bars().get(i);
            if (b.lane().equals(lane) && b.side() == side) {
                indices.add(i);
            }
        }
        indices.sort(Comparator.comparingDouble(i -> x(timeline.bars().get(i).openedAt())));
        List<List<Integer>> rows = new ArrayList<>();
        List<Double> rowEnds = new ArrayList<>();
        for (int i : indices) {
            TimelineBar b = timeline.bars().get(i);
            double from = x(b.openedAt());
            int row = 0;
            while (row < rows.size() && rowEnds.get(row) >= from) {
                row++;
            }
            if (row == rows.size()) {
                rows.add(new ArrayList<>());
                rowEnds.add(0.0);
            }
            rows.get(row).add(i);
            rowEnds.set(row, from + width(b) + 1);
        }
        return rows;
    }

    private void bar(StringBuilder out, TimelineBar b, String panelId, int y) {
        out.append("<rect class=\"bar c-").append(Html.text(b.cls())).append("\" tabindex=\"0\" x=\"")
                .append(num(x(b.openedAt()))).append("\" y=\"").append(y).append("\" width=\"").append(num(width(b)))
                .append("\" height=\"").append(BAR).append("\" rx=\"2\" data-side=\"").append(b.side().label())
                .append("\" data-incident-id=\"").append(Html.text(b.incidentId())).append("\" data-class=\"")
                .append(Html.text(b.cls())).append("\" data-panel=\"").append(panelId).append("\"><title>")
                .append(Html.text(tooltip(b))).append("</title></rect>");
    }

    /** Every firing whose incident is drawn, after the bars so that it lies on top of them. */
    private void marks(Map<String, Integer> rowOf) {
        for (ActionMark m : timeline.marks()) {
            Integer row = rowOf.get(key(m.side(), m.incidentId()));
            if (row == null) {
                continue;
            }
            double cy = row + BAR / 2.0;
            double x = x(m.firesAt());
            if (m.shiftSeconds() != null) {
                double from = x(m.firesAt().minusNanos(Math.round(m.shiftSeconds() * 1e9)));
                svg.append("<line class=\"shift ").append(m.shiftSeconds() > 0 ? "later" : "earlier")
                        .append("\" x1=\"").append(num(from)).append("\" x2=\"").append(num(x)).append("\" y1=\"")
                        .append(num(cy)).append("\" y2=\"").append(num(cy)).append("\"><title>")
                        .append(Html.text(m.kind() + " " + m.target() + ": " + m.shiftText())).append("</title></line>");
            }
            svg.append("<circle class=\"mark k-").append(Html.text(m.kind())).append(m.held() ? " held" : "")
                    .append("\" cx=\"").append(num(x)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
                    .append(MARK).append("\" data-side=\"").append(m.side().label()).append("\" data-incident-id=\"")
                    .append(Html.text(m.incidentId())).append("\" data-kind=\"").append(Html.text(m.kind()))
                    .append("\" data-target=\"").append(Html.text(m.target())).append("\" data-fires-at=\"")
                    .append(Html.text(Formats.instant(m.firesAt()))).append('"');
            if (m.shiftSeconds() != null) {
                svg.append(" data-shift-seconds=\"").append(Html.text(Formats.number(m.shiftSeconds()))).append('"');
            }
            svg.append("><title>").append(Html.text(markTooltip(m))).append("</title></circle>");
        }
    }

    static String markTooltip(ActionMark m) {
        return m.side().label() + " " + m.kind() + " " + m.target() + " at " + Formats.clock(m.firesAt())
                + (m.held() ? " (held by cooldown: not sent)" : "") + " for " + m.incidentId()
                + (m.shiftText() != null ? " · " + m.shiftText() : "")
                + (m.rule() != null ? " · " + m.rule() : m.actionId() != null ? " · action " + m.actionId() : "");
    }

    private static String key(Side side, String incidentId) {
        return side.label() + "\n" + incidentId;
    }

    static String tooltip(TimelineBar b) {
        return b.side().label() + " " + b.incidentId() + " · " + b.cls() + " · " + Formats.text(b.severity()) + " · "
                + Formats.clock(b.openedAt()) + " to " + Formats.clock(b.lastSignalAt()) + " · "
                + Formats.count(b.signalCount()) + " signals" + (b.title() != null ? " · " + b.title() : "")
                + " (click for members)";
    }

    private void axis(int height) {
        long span = Duration.between(start, end).toNanos();
        for (int k = 0; k <= TICKS; k++) {
            Instant t = start.plusNanos(span * k / TICKS);
            double x = x(t);
            svg.append("<line class=\"tick\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
                    .append("\" y1=\"").append(TOP - 6).append("\" y2=\"").append(height).append("\"/>")
                    .append("<text class=\"tick-label\" x=\"").append(num(x)).append("\" y=\"").append(TOP - 10)
                    .append("\" text-anchor=\"middle\">").append(tickLabel(t, span)).append("</text>");
        }
    }

    /** Whole seconds when the ticks are at least a second apart, else milliseconds too. */
    private static String tickLabel(Instant t, long spanNanos) {
        String clock = Formats.clock(t);
        return spanNanos / TICKS >= 1_000_000_000L ? clock.substring(0, clock.indexOf('.')) : clock;
    }

    private void window(int height) {
        bound(timeline.windowStart(), "window start", height);
        bound(timeline.windowEnd(), "window end", height);
    }

    private void bound(Instant t, String label, int height) {
        if (t == null) {
            return;
        }
        double x = x(t);
        svg.append("<line class=\"window\" data-bound=\"").append(label).append("\" x1=\"").append(num(x))
                .append("\" x2=\"").append(num(x)).append("\" y1=\"").append(TOP - 4).append("\" y2=\"").append(height)
                .append("\"><title>").append(label).append(' ').append(Formats.instant(t)).append("</title></line>")
                .append("<text class=\"window-label\" x=\"").append(num(x)).append("\" y=\"").append(12)
                .append("\" text-anchor=\"middle\">").append(label).append("</text>");
    }

    private double x(Instant t) {
        double span = Duration.between(start, end).toNanos();
        double offset = Duration.between(start, t == null ? start : t).toNanos();
        return LABEL + (WIDTH - LABEL - RIGHT) * offset / span;
    }

    private double width(TimelineBar b) {
        Instant last = b.lastSignalAt() != null ? b.lastSignalAt() : b.openedAt();
        return Math.max(MIN_BAR, x(last) - x(b.openedAt()));
    }

    private static String shorten(String lane) {
        return lane.length() <= 30 ? lane : lane.substring(0, 29) + "…";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
