package io.traceflux.bundle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * One firing of an action on the timeline (SPEC 3.4, 4.1): drawn on its incident's bar, on its
 * side, at fires_at.
 *
 * @param rule         the action as readable text; null for production's firings
 * @param componentId  its incident's parity component, or null
 * @param shiftSeconds for the first replay firing of a KEPT action whose first firing moved:
 *                     replay minus baseline (positive: later); else null
 */
record ActionMark(Side side, String incidentId, String actionId, String kind, String target, Instant firesAt,
                  boolean held, String rule, String componentId, Double shiftSeconds) {

    /** The marks of exported replay_actions and baseline_actions rows; shifts from action_diffs. */
    static List<ActionMark> of(Optional<ExportedTable> replay, Optional<ExportedTable> baseline,
            Optional<ExportedTable> diffs, ComponentIndex index) {
        List<ActionMark> marks = new ArrayList<>();
        add(marks, Side.BASELINE, baseline, index, List.of());
        add(marks, Side.REPLAY, replay, index, diffs.map(ExportedTable::head).orElse(List.of()));
        return marks;
    }

    /** The shift label of a moved page or ticket, e.g. {@code 95 s later than the baseline}. */
    String shiftText() {
        if (shiftSeconds == null) {
            return null;
        }
        return Formats.number(Math.abs(shiftSeconds)) + " s " + (shiftSeconds > 0 ? "later" : "earlier")
                + " than the baseline";
    }

    private static void add(List<ActionMark> marks, Side side, Optional<ExportedTable> table, ComponentIndex index,
            List<Row> diffs) {
        for (Row r : table.map(ExportedTable::head).orElse(List.of())) {
            String incident = RowValues.string(r, "incident_id");
            Instant at = RowValues.instant(r, "fires_at");
            if (incident == null || at == null) {
                continue;
            }
            String component = index.component(side, incident).map(DiffComponent::componentId).orElse(null);
            String kind = RowValues.string(r, "kind");
            String target = RowValues.string(r, "target");
            Double shift = diffs.stream()
                    .filter(d -> "KEPT".equals(RowValues.string(d, "class")) && component != null
                            && component.equals(RowValues.string(d, "component_id"))
                            && String.valueOf(kind).equals(RowValues.string(d, "kind"))
                            && String.valueOf(target).equals(RowValues.string(d, "target"))
                            && at.equals(RowValues.instant(d, "replay_first_at")))
                    .map(d -> RowValues.doubleValue(d, "shift_seconds")).findFirst().orElse(null);
            marks.add(new ActionMark(side, incident, RowValues.string(r, "action_id"), kind, target, at,
                    Boolean.TRUE.equals(RowValues.bool(r, "held_by_cooldown")), RowValues.string(r, "rule"), component,
                    shift));
        }
    }
}
