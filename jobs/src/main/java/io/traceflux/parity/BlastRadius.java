package io.traceflux.parity;

import io.traceflux.warehouse.Table;
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

    static Dataset<Row> of(Dataset<Row> classifiedProfile, String executionId) {
        Map<String, Column> sums = new LinkedHashMap<>();
        sums.put("signals", col(SignalProfile.SIGNALS));
        sums.put("changed_signals", SignalProfile.signalsIf(col(OUTCOME_CHANGED)));
        sums.put("newly_suppressed", SignalProfile.signalsIf(col(NEWLY_SUPPRESSED)));
        // Per (service, region, pop, incident pair) first: few rows, which then fan out to the
        // three dimensions.
        Dataset<Row> pairs = IncidentPairCounts.byPair(classifiedProfile,
                SignalProfile.DIMENSIONS.stream().map(d -> col(d)).toList(), sums);
        Column[] values = SignalProfile.DIMENSIONS.stream()
                .map(d -> struct(lit(d).as("dimension"), col(d).as("value")))
                .toArray(Column[]::new);
        Dataset<Row> perValue = pairs.select(explode(array(values)).as("dim"), col(B_INCIDENT), col(R_INCIDENT),
                col("signals"), col("changed_signals"), col("newly_suppressed"));
        Dataset<Row> rows = IncidentPairCounts.perKey(perValue,
                        List.of(col("dim.dimension").as("dimension"), col("dim.value").as("value")),
                        List.of("signals", "changed_signals", "newly_suppressed"),
                        "baseline_incidents", "replay_incidents")
                .withColumn("execution_id", lit(executionId));
        return Table.BLAST_RADIUS.conform(rows);
    }
}
