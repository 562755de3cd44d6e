package io.traceflux.parity;

import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.NEWLY_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.OUTCOME_CHANGED;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Blast radius (SPEC 5): per service, region and POP value among the selected signals, the
 * incidents on each side touching it, the signals whose outcome changed (suppression or
 * incident membership, not the fingerprint alone) and the signals newly suppressed. An absent
 * value is the empty string, as in scopes.
 */
final class BlastRadius {

    static final List<String> DIMENSIONS = List.of("service", "region", "pop");

    private BlastRadius() {
    }

    static Dataset<Row> of(Dataset<Row> classified, String executionId) {
        Map<String, Column> flags = new LinkedHashMap<>();
        flags.put("changed_signals", col(OUTCOME_CHANGED));
        flags.put("newly_suppressed", col(NEWLY_SUPPRESSED));
        // First per (service, region, pop, incident pair): few rows, which then fan out to
        // the three dimensions; exploding the signals themselves would triple millions of rows.
        Dataset<Row> pairs = IncidentPairCounts.byPair(classified,
                DIMENSIONS.stream().map(d -> coalesce(col(d), lit("")).as(d)).toList(), flags);
        Column[] values = DIMENSIONS.stream()
                .map(d -> struct(lit(d).as("dimension"), col(d).as("value")))
                .toArray(Column[]::new);
        Dataset<Row> perValue = pairs.select(explode(array(values)).as("dim"), col(B_INCIDENT), col(R_INCIDENT),
                col(IncidentPairCounts.SIGNALS), col("changed_signals"), col("newly_suppressed"));
        Dataset<Row> rows = IncidentPairCounts.perKey(perValue,
                        List.of(col("dim.dimension").as("dimension"), col("dim.value").as("value")),
                        List.of(IncidentPairCounts.SIGNALS, "changed_signals", "newly_suppressed"),
                        "baseline_incidents", "replay_incidents")
                .withColumn("execution_id", lit(executionId));
        return ParityTables.conform(rows, ParityTables.BLAST_RADIUS);
    }
}
