package io.traceflux.parity;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of {@code incident_diffs}: a component and its readable attribute changes.
 *
 * @param component the component's shape, ids and counts
 * @param changes   e.g. {@code severity: major -> critical}; empty for MISSING and NEW
 */
public record IncidentDiff(Component component, List<String> changes) {

    public IncidentDiff {
        changes = List.copyOf(changes);
    }

    /** The row in order of {@link io.traceflux.warehouse.Table#INCIDENT_DIFFS}. */
    Row toRow(String executionId) {
        Component c = component;
        List<Row> pairs = c.pairs().stream()
                .map(p -> RowFactory.create(p.baselineId(), p.replayId(), p.overlap(), p.jaccard()))
                .toList();
        return RowFactory.create(executionId, c.id(), c.cls().name(), c.baselineIds(), c.replayIds(),
                c.shared(), c.baselineOnly(), c.replayOnly(), c.jaccard(), pairs, changes);
    }
}
