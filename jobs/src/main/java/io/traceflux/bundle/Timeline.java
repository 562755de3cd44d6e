package io.traceflux.bundle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * Baseline and replay incidents laid out in time: one bar per incident per side, in lanes per
 * group key, over the execution's window (widened to any incident outside it).
 *
 * @param windowStart the execution's window, or null
 * @param bars        sorted by lane, side, opened_at, incident id
 * @param marks       the actions' firings, drawn on their incidents' bars
 * @param baseline    whether the baseline side is drawn (its table exists)
 * @param omitted     incidents per side that exceed the drawing cap, baseline first (the
 *                    report lists them in this order, so the bundle's bytes are reproducible)
 */
record Timeline(Instant windowStart, Instant windowEnd, List<TimelineBar> bars, List<ActionMark> marks,
                boolean baseline, Map<Side, Long> omitted) {

    static final String NO_GROUP_KEY = "(no group key)";
    static final String ONE_GROUP = "(one group)";

    Timeline {
        bars = List.copyOf(bars);
        marks = List.copyOf(marks);
        omitted = Collections.unmodifiableMap(new EnumMap<>(omitted));
    }

    /**
     * Bars from the exported incident tables; a baseline incident without a group key takes the
     * lane of its component's first replay incident.
     */
    static Timeline of(Lineage lineage, Optional<ExportedTable> baseline, Optional<ExportedTable> replay,
            List<ActionMark> marks, ComponentIndex index) {
        List<TimelineBar> bars = new ArrayList<>();
        Map<String, String> replayLanes = new HashMap<>();
        for (Row r : replay.map(ExportedTable::head).orElse(List.of())) {
            TimelineBar bar = bar(Side.REPLAY, r, Objects.requireNonNullElse(laneOf(r), NO_GROUP_KEY), index);
            replayLanes.put(bar.incidentId(), bar.lane());
            bars.add(bar);
        }
        for (Row r : baseline.map(ExportedTable::head).orElse(List.of())) {
            String lane = laneOf(r);
            if (lane == null) {
                lane = index.component(Side.BASELINE, RowValues.string(r, "incident_id"))
                        .flatMap(c -> c.replayIds().stream().map(replayLanes::get).filter(Objects::nonNull).findFirst())
                        .orElse(NO_GROUP_KEY);
            }
            bars.add(bar(Side.BASELINE, r, lane, index));
        }
        bars.sort(Comparator.comparing(TimelineBar::lane).thenComparing(TimelineBar::side)
                .thenComparing(TimelineBar::openedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(TimelineBar::incidentId));
        Map<Side, Long> omitted = new EnumMap<>(Side.class);
        omitted.put(Side.BASELINE, baseline.map(ExportedTable::omittedFromHead).orElse(0L));
        omitted.put(Side.REPLAY, replay.map(ExportedTable::omittedFromHead).orElse(0L));
        return new Timeline(lineage.instant("window_start"), lineage.instant("window_end"), bars, marks,
                baseline.isPresent(), omitted);
    }

    /** Lane names in drawing order. */
    List<String> lanes() {
        return bars.stream().map(TimelineBar::lane).distinct().sorted().collect(Collectors.toList());
    }

    /** The drawn time range: the window, widened to every bar and firing. */
    Instant[] domain() {
        Instant start = windowStart;
        Instant end = windowEnd;
        for (TimelineBar b : bars) {
            start = min(start, b.openedAt());
            end = max(end, b.lastSignalAt() != null ? b.lastSignalAt() : b.openedAt());
        }
        for (ActionMark m : marks) {
            start = min(start, m.firesAt());
            end = max(end, m.firesAt());
        }
        if (start == null || end == null) {
            return null;
        }
        return new Instant[] {start, end.isAfter(start) ? end : start.plusSeconds(1)};
    }

    private static TimelineBar bar(Side side, Row r, String lane, ComponentIndex index) {
        String id = RowValues.string(r, "incident_id");
        return new TimelineBar(side, id, lane, RowValues.instant(r, "opened_at"),
                RowValues.instant(r, "last_signal_at"), RowValues.string(r, "severity"), RowValues.string(r, "title"),
                RowValues.longValue(r, "signal_count"), index.classOf(side, id),
                index.component(side, id).map(DiffComponent::componentId).orElse(null));
    }

    /** The group key as sorted {@code k=v} pairs; null when the row has none. */
    private static String laneOf(Row r) {
        if (RowValues.get(r, "group_key") == null) {
            return null;
        }
        Map<String, Object> key = RowValues.map(r, "group_key");
        if (key.isEmpty()) {
            return ONE_GROUP;
        }
        return key.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
