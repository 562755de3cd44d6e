package io.traceflux.parity;

import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.B_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.CORRELATION_DIFF;
import static io.traceflux.parity.SignalComparison.CORRELATION_RULE;
import static io.traceflux.parity.SignalComparison.FINGERPRINT_DIFF;
import static io.traceflux.parity.SignalComparison.GROUPING;
import static io.traceflux.parity.SignalComparison.NEWLY_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static io.traceflux.parity.SignalComparison.R_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.SIGNAL_ID;
import static io.traceflux.parity.SignalComparison.SUPPRESSION_DIFF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;

import io.traceflux.policy.SuppressionRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * "Why" (SPEC 4): per suppression rule, per grouping and per fingerprint, the signals and
 * incidents it changed against the baseline.
 *
 * <p>A suppression difference counts for the replay's rule and for the baseline's rule (a
 * signal moved from rule A to rule B counts once for each); a correlation difference counts
 * for the grouping only when no suppression rule explains it (see
 * {@link SignalComparison#withComponents}); a fingerprint difference counts for
 * {@code fingerprint}. Every policy rule has a row, zero when it changed nothing; a baseline
 * rule id the policy lacks gets a row of kind {@code not_in_policy}.
 */
final class RuleImpact {

    static final String FINGERPRINT = "fingerprint";
    static final String GROUPING_KIND = "grouping";
    static final String NOT_IN_POLICY = "not_in_policy";

    private static final StructType CATALOG = new StructType()
            .add("rule_id", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("position", DataTypes.IntegerType);

    private RuleImpact() {
    }

    static Dataset<Row> of(Dataset<Row> classified, List<SuppressionRule> rules, String executionId) {
        Dataset<Row> counts = attributions(classified).groupBy(col("rule_id")).agg(
                count(lit(1)).as("signals_changed"),
                count_if(col("newly")).as("newly_suppressed"),
                count_if(col("no_longer")).as("no_longer_suppressed"),
                countDistinct(col(B_INCIDENT)).as("baseline_incidents_affected"),
                countDistinct(col(R_INCIDENT)).as("replay_incidents_affected"));
        Dataset<Row> rows = catalog(classified.sparkSession(), rules)
                .join(counts, new String[] {"rule_id"}, "full_outer")
                .select(lit(executionId).as("execution_id"), col("rule_id"),
                        coalesce(col("kind"), lit(NOT_IN_POLICY)).as("kind"), col("position"),
                        zeroIfNull("signals_changed"), zeroIfNull("newly_suppressed"),
                        zeroIfNull("no_longer_suppressed"), zeroIfNull("baseline_incidents_affected"),
                        zeroIfNull("replay_incidents_affected"))
                .withColumn("incidents_affected",
                        col("baseline_incidents_affected").plus(col("replay_incidents_affected")));
        return ParityTables.conform(rows, ParityTables.RULE_IMPACT);
    }

    /** One row per (rule, signal) the rule changed. */
    private static Dataset<Row> attributions(Dataset<Row> classified) {
        Dataset<Row> suppression = classified.filter(col(SUPPRESSION_DIFF));
        return attributed(suppression.filter(col(R_SUPPRESSED).isNotNull()), col(R_SUPPRESSED),
                        col(NEWLY_SUPPRESSED), lit(false))
                .unionByName(attributed(suppression.filter(col(B_SUPPRESSED).isNotNull()), col(B_SUPPRESSED),
                        lit(false), col(R_SUPPRESSED).isNull()))
                .unionByName(attributed(classified.filter(col(CORRELATION_DIFF)
                        .and(col(CORRELATION_RULE).equalTo(lit(GROUPING)))), lit(GROUPING), lit(false), lit(false)))
                .unionByName(attributed(classified.filter(col(FINGERPRINT_DIFF)), lit(FINGERPRINT), lit(false), lit(false)));
    }

    private static Dataset<Row> attributed(Dataset<Row> signals, Column rule, Column newly, Column noLonger) {
        return signals.select(rule.as("rule_id"), col(SIGNAL_ID), col(B_INCIDENT), col(R_INCIDENT),
                newly.as("newly"), noLonger.as("no_longer"));
    }

    /** The policy's rules in order, then the grouping and the fingerprint. */
    private static Dataset<Row> catalog(SparkSession spark, List<SuppressionRule> rules) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            rows.add(RowFactory.create(rules.get(i).id(), rules.get(i).kind(), i));
        }
        rows.add(RowFactory.create(GROUPING, GROUPING_KIND, null));
        rows.add(RowFactory.create(FINGERPRINT, FINGERPRINT, null));
        return spark.createDataFrame(rows, CATALOG);
    }

    private static Column zeroIfNull(String name) {
        return coalesce(col(name), lit(0L)).as(name);
    }
}
