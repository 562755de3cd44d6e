package io.traceflux.bundle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds the parity component (and so the class) of an incident on either side. Incidents in
 * no component (every incident when there is no baseline) are {@link #UNCOMPARED}.
 */
final class ComponentIndex {

    /** The class of an incident that no parity component holds. */
    static final String UNCOMPARED = "UNCOMPARED";

    static final StructType INCIDENT_MAP = new StructType()
            .add("map_incident_id", DataTypes.StringType)
            .add("map_class", DataTypes.StringType)
            .add("map_component_id", DataTypes.StringType);

    private final List<DiffComponent> components;
    private final Map<Side, Map<String, DiffComponent>> bySide = new EnumMap<>(Side.class);

    ComponentIndex(List<DiffComponent> components) {
        this.components = List.copyOf(components);
        bySide.put(Side.BASELINE, new HashMap<>());
        bySide.put(Side.REPLAY, new HashMap<>());
        for (DiffComponent c : components) {
            c.baselineIds().forEach(id -> bySide.get(Side.BASELINE).put(id, c));
            c.replayIds().forEach(id -> bySide.get(Side.REPLAY).put(id, c));
        }
    }

    List<DiffComponent> components() {
        return components;
    }

    Optional<DiffComponent> component(Side side, String incidentId) {
        return Optional.ofNullable(bySide.get(side).get(incidentId));
    }

    String classOf(Side side, String incidentId) {
        return component(side, incidentId).map(DiffComponent::cls).orElse(UNCOMPARED);
    }

    /** (map_incident_id, map_class, map_component_id) of one side's incidents in non-EXACT components. */
    Dataset<Row> affected(SparkSession spark, Side side) {
        List<Row> rows = new ArrayList<>();
        for (DiffComponent c : components) {
            if (!c.exact()) {
                (side == Side.BASELINE ? c.baselineIds() : c.replayIds())
                        .forEach(id -> rows.add(RowFactory.create(id, c.cls(), c.componentId())));
            }
        }
        return spark.createDataFrame(rows, INCIDENT_MAP);
    }
}
