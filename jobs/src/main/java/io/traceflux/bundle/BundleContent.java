package io.traceflux.bundle;

import io.traceflux.warehouse.Table;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the summary and the report show, gathered from the tables: the renderers are plain
 * functions of it and never touch Spark.
 *
 * @param parity       the parity report; empty for a run without a baseline
 * @param tables       exported warehouse tables by table name (absent tables are missing)
 * @param signals      exported signal sections by section name, in section order
 * @param signalsNote  why there are no signal sections, or null
 * @param quarantine   quarantined rows per reason
 */
record BundleContent(Lineage lineage, Optional<ParityFigures> parity, ComponentIndex components,
                     Map<String, ExportedTable> tables, Map<String, ExportedTable> signals, String signalsNote,
                     Timeline timeline, Map<String, Long> quarantine, PolicyCopy policy) {

    Optional<ExportedTable> table(Table table) {
        return Optional.ofNullable(tables.get(table.tableName()));
    }

    /** Incident severities per side, from the incidents drawn on the timeline. */
    Map<Side, Map<String, String>> severities() {
        Map<Side, Map<String, String>> bySide = new EnumMap<>(Side.class);
        for (TimelineBar bar : timeline.bars()) {
            bySide.computeIfAbsent(bar.side(), s -> new HashMap<>()).put(bar.incidentId(), bar.severity());
        }
        return bySide;
    }

    /** Non-EXACT components, worst first. */
    List<DiffComponent> worstChanges() {
        return WorstChanges.of(components.components(), severities());
    }
}
