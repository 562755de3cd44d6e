package io.traceflux.actions;

import io.traceflux.policy.ActionKind;
import io.traceflux.warehouse.Table;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Firings as rows of {@code replay_actions} or {@code baseline_actions}, keyed by execution_id. */
public final class FiringRows {

    private FiringRows() {
    }

    /** @param table {@link Table#REPLAY_ACTIONS} or {@link Table#BASELINE_ACTIONS} */
    public static Dataset<Row> of(SparkSession spark, Table table, String executionId, List<Firing> firings) {
        List<Row> rows = firings.stream().map(f -> RowFactory.create(executionId, f.incidentId(), f.actionId(),
                f.kind().label(), f.target(), Timestamp.from(f.firesAt()), f.heldByCooldown(), f.rule())).toList();
        return spark.createDataFrame(rows, table.schema());
    }

    /** The firings of rows with {@link Table#REPLAY_ACTIONS}'s columns (an earlier execution's), in their order. */
    public static List<Firing> read(Dataset<Row> rows) {
        return rows.select("incident_id", "action_id", "kind", "target", "fires_at", "held_by_cooldown", "rule")
                .collectAsList().stream()
                .map(r -> new Firing(r.getString(0), r.getString(1), ActionKind.of(r.getString(2)).orElseThrow(() ->
                        new IllegalStateException("replay_actions row with kind '" + r.getString(2) + "'")),
                        r.getString(3), ReplayActions.instant(r.get(4)), r.getBoolean(5), r.getString(6)))
                .toList();
    }
}
