package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.traceflux.policy.SuppressionRule;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Step 3: suppression (SPEC 3.2). Rules apply in order and the first that matches a signal
 * wins, which {@code suppressed_by} records. Drop and maintenance rules are column
 * expressions; an inhibit rule needs the other signals and is delegated to {@link Inhibit},
 * which sees the decisions of the earlier rules (a source they suppressed does not inhibit).
 */
public final class Suppress implements PipelineStep {

    private final List<SuppressionRule> rules;

    public Suppress(List<SuppressionRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> signals) {
        Dataset<Row> result = signals.withColumn(Columns.SUPPRESSED_BY, lit(null).cast("string"));
        for (SuppressionRule rule : rules) {
            result = applyRule(result, rule);
        }
        return result;
    }

    private static Dataset<Row> applyRule(Dataset<Row> signals, SuppressionRule rule) {
        if (rule instanceof SuppressionRule.Drop d) {
            return mark(signals, d.id(), MatcherColumns.all(d.match()));
        }
        if (rule instanceof SuppressionRule.Maintenance m) {
            return mark(signals, m.id(), MatcherColumns.all(m.match())
                    .and(col(Columns.TS).geq(lit(m.from())))
                    .and(col(Columns.TS).lt(lit(m.to()))));
        }
        return new Inhibit((SuppressionRule.Inhibit) rule).apply(signals);
    }

    /** Sets {@code suppressed_by} to {@code id} where no earlier rule did and {@code matches}. */
    static Dataset<Row> mark(Dataset<Row> signals, String id, Column matches) {
        Column unsuppressed = col(Columns.SUPPRESSED_BY).isNull();
        return signals.withColumn(Columns.SUPPRESSED_BY,
                when(unsuppressed.and(matches), lit(id)).otherwise(col(Columns.SUPPRESSED_BY)));
    }
}
