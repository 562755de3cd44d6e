package io.traceflux.bundle;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One row of {@code incident_diffs}: a connected component of the parity graph (SPEC 4).
 *
 * @param cls EXACT, CHANGED, SPLIT, MERGED, MISSING, NEW or RESHAPED
 */
record DiffComponent(String componentId, String cls, List<String> baselineIds, List<String> replayIds,
                     Long shared, Long baselineOnly, Long replayOnly, Double jaccard, List<String> changes) {

    DiffComponent {
        baselineIds = List.copyOf(baselineIds);
        replayIds = List.copyOf(replayIds);
        changes = List.copyOf(changes);
    }

    static DiffComponent of(Row row) {
        return new DiffComponent(RowValues.string(row, "component_id"), RowValues.string(row, "class"),
                nonNull(RowValues.strings(row, "baseline_incident_ids")),
                nonNull(RowValues.strings(row, "replay_incident_ids")),
                RowValues.longValue(row, "shared_signals"), RowValues.longValue(row, "baseline_only_signals"),
                RowValues.longValue(row, "replay_only_signals"), RowValues.doubleValue(row, "jaccard"),
                nonNull(RowValues.strings(row, "changes")));
    }

    boolean exact() {
        return "EXACT".equals(cls);
    }

    private static List<String> nonNull(List<String> values) {
        return values.stream().filter(v -> v != null).toList();
    }
}
