package io.traceflux.parity;

import io.traceflux.warehouse.Table;
import static io.traceflux.parity.SignalComparison.B_INCIDENT;
import static io.traceflux.parity.SignalComparison.B_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.CORRELATION_DIFF;
import static io.traceflux.parity.SignalComparison.CORRELATION_RULE;
import static io.traceflux.parity.SignalComparison.GROUPING;
import static io.traceflux.parity.SignalComparison.NEWLY_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.R_INCIDENT;
import static io.traceflux.parity.SignalComparison.R_SUPPRESSED;
import static io.traceflux.parity.SignalComparison.SUPPRESSION_DIFF;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.traceflux.policy.SuppressionRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    static Dataset<Row> of(Dataset<Row> classifiedProfile, List<SuppressionRule> rules, String executionId) {
        Map<String, Column> sums = new LinkedHashMap<>();
        sums.put("signals_changed", col("weight"));
        sums.put("newly_suppressed", when(col("newly"), col("weight")).otherwise(lit(0L)));
        sums.put("no_longer_suppressed", when(col("no_longer"), col("weight")).otherwise(lit(0L)));
        List<String> summed = List.copyOf(sums.keySet());
        Dataset<Row> counts = IncidentPairCounts.perKey(
                IncidentPairCounts.byPair(attributions(classifiedProfile), List.of(col("rule_id")), sums),
                List.of(col("rule_id")), summed, "baseline_incidents_affected", "replay_incidents_affected");
        Dataset<Row> rows = catalog(classifiedProfile.sparkSession(), rules)
                .join(counts, new String[] {"rule_id"}, "full_outer")
                .select(lit(executionId).as("execution_id"), col("rule_id"),
                        coalesce(col("kind"), lit(NOT_IN_POLICY)).as("kind"), col("position"),
                        zeroIfNull("signals_changed"), zeroIfNull("newly_suppressed"),
                        zeroIfNull("no_longer_suppressed"), zeroIfNull("baseline_incidents_affected"),
                        zeroIfNull("replay_incidents_affected"))
                .withColumn("incidents_affected",
                        col("baseline_incidents_affected").plus(col("replay_incidents_affected")));
        return Table.RULE_IMPACT.conform(rows);
    }

    /**
     * The rules each profile row's signals are attributed to (none, one, or two for a changed
     * rule), with how many signals ({@code weight}): all of the row's, or for the fingerprint
     * those whose fingerprint differs.
     */
    private static Dataset<Row> attributions(Dataset<Row> classifiedProfile) {
        Column suppression = col(SUPPRESSION_DIFF);
        Column signals = col(SignalProfile.SIGNALS);
        Column[] candidates = {
                when(suppression.and(col(R_SUPPRESSED).isNotNull()),
                        attribution(col(R_SUPPRESSED), signals, col(NEWLY_SUPPRESSED), lit(false))),
                when(suppression.and(col(B_SUPPRESSED).isNotNull()),
                        attribution(col(B_SUPPRESSED), signals, lit(false), col(R_SUPPRESSED).isNull())),
                when(col(CORRELATION_DIFF).and(col(CORRELATION_RULE).equalTo(lit(GROUPING))),
                        attribution(lit(GROUPING), signals, lit(false), lit(false))),
                when(col(SignalProfile.FINGERPRINT_DIFFS).gt(0),
                        attribution(lit(FINGERPRINT), col(SignalProfile.FINGERPRINT_DIFFS), lit(false), lit(false)))};
        return classifiedProfile
                .select(explode(filter(array(candidates), Column::isNotNull)).as("a"), col(B_INCIDENT), col(R_INCIDENT))
                .select(col("a.rule_id").as("rule_id"), col("a.weight").as("weight"), col("a.newly").as("newly"),
                        col("a.no_longer").as("no_longer"), col(B_INCIDENT), col(R_INCIDENT));
    }

    private static Column attribution(Column rule, Column weight, Column newly, Column noLonger) {
        return struct(rule.as("rule_id"), weight.as("weight"), newly.as("newly"), noLonger.as("no_longer"));
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
