package io.traceflux.execution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.traceflux.parity.ParityInputs;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The baseline incidents that take part in the comparison, with the time span and count of
 * their selected signals: the baseline lane of the report's timeline. Production incidents
 * carry no last-signal time or group key of their own, so both come from the members.
 */
final class BaselineIncidents {

    private BaselineIncidents() {
    }

    /**
     * {@code members}: per baseline incident, its selected signals' first_member_at,
     * last_signal_at and signal_count ({@link io.traceflux.parity.ParityResult#baselineMembers}).
     */
    static Dataset<Row> of(ParityInputs.Baseline baseline, Dataset<Row> members, String executionId) {
        Dataset<Row> incidents = baseline.incidents();
        Set<String> present = Set.of(incidents.columns());
        Column groupKey = present.contains("group_key") ? col("group_key")
                : lit(null).cast("map<string,string>").as("group_key");
        Column title = present.contains("title") ? col("title") : lit(null).cast("string").as("title");
        return incidents.select(col("incident_id"), col("opened_at"), col("severity"), title, groupKey)
                .join(members, "incident_id")
                .select(lit(executionId).as("execution_id"), col("incident_id"),
                        org.apache.spark.sql.functions.coalesce(col("opened_at"), col("first_member_at")).as("opened_at"),
                        col("last_signal_at"), col("severity").cast("string").as("severity"), col("title"),
                        col("group_key"), col("signal_count"));
    }
}
