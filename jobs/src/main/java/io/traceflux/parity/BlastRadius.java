package io.traceflux.parity;

import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.NEWLY_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.OUTCOME_CHANGED;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
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
        Column[] values = DIMENSIONS.stream()
                .map(d -> struct(lit(d).as("dimension"), coalesce(col(d), lit("")).as("value")))
                .toArray(Column[]::new);
        Dataset<Row> rows = classified
                .select(explode(array(values)).as("dim"), col(B_INCIDENT), col(R_INCIDENT),
                        col(OUTCOME_CHANGED), col(NEWLY_SUPPRESSED))
                .groupBy(col("dim.dimension").as("dimension"), col("dim.value").as("value"))
                .agg(count(lit(1)).as("signals"),
                        countDistinct(col(B_INCIDENT)).as("baseline_incidents"),
                        countDistinct(col(R_INCIDENT)).as("replay_incidents"),
                        count_if(col(OUTCOME_CHANGED)).as("changed_signals"),
                        count_if(col(NEWLY_SUPPRESSED)).as("newly_suppressed"))
                .withColumn("execution_id", lit(executionId));
        return ParityTables.conform(rows, ParityTables.BLAST_RADIUS);
    }
}
