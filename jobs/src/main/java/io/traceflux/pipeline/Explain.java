package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_values;
import static org.apache.spark.sql.functions.when;

import io.traceflux.policy.Durations;
import io.traceflux.policy.Policy;
import io.traceflux.policy.SuppressionRule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-signal explanation (SPEC 3.2): a {@code decision} and a readable {@code reason} that
 * names the rule or grouping that decided it. A duplicate inside an incident is an
 * {@code incident} decision.
 */
public final class Explain implements PipelineStep {

    private final Policy policy;

    public Explain(Policy policy) {
        this.policy = policy;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> signals) {
        Column suppressed = col(Columns.SUPPRESSED_BY).isNotNull();
        Column decision = when(suppressed, lit("suppressed"))
                .when(col(Columns.INCIDENT_ID).isNotNull(), lit("incident"))
                .when(col(Columns.DUPLICATE_OF).isNotNull(), lit("duplicate"))
                .otherwise(lit("uncorrelated"));
        return withReason(signals.withColumn(Columns.DECISION, decision));
    }

    /**
     * Adds {@code reason} to rows that carry a decision and what it was made of: suppressed_by,
     * incident_id, duplicate_of, group_key and the piece size. Kept apart from the decision so
     * that narrow decisions can travel and be cached without the text and get it where written.
     */
    public Dataset<Row> withReason(Dataset<Row> decided) {
        Column group = GroupKey.text(policy.correlation().groupBy(), map_values(col(Columns.GROUP_KEY)));
        Column reason = when(col(Columns.SUPPRESSED_BY).isNotNull(), suppressionReason())
                .when(col(Columns.INCIDENT_ID).isNotNull(), concat(lit("incident "), col(Columns.INCIDENT_ID),
                        lit(" of group ["), group, lit("]: piece of "), col(Columns.PIECE_SIZE).cast("string"),
                        lit(" signals"), duplicateNote()))
                .when(col(Columns.DUPLICATE_OF).isNotNull(), concat(lit("duplicate of "), col(Columns.DUPLICATE_OF),
                        lit(" (same fingerprint"), lit(dedupText()), lit("); its representative is uncorrelated")))
                .otherwise(concat(lit("uncorrelated: group ["), group, lit("] piece of "),
                        col(Columns.PIECE_SIZE).cast("string"), lit(" signal(s) is below min_signals "),
                        lit(policy.correlation().minSignals())));
        return decided.withColumn(Columns.REASON, reason);
    }

    private Column duplicateNote() {
        return when(col(Columns.DUPLICATE_OF).isNotNull(),
                concat(lit(" (duplicate of "), col(Columns.DUPLICATE_OF), lit(")"))).otherwise(lit(""));
    }

    private String dedupText() {
        return policy.dedupWindow().map(w -> " within dedup window " + Durations.format(w)).orElse("");
    }

    private Column suppressionReason() {
        Column result = lit(null).cast("string");
        for (SuppressionRule rule : policy.suppression()) {
            result = when(col(Columns.SUPPRESSED_BY).equalTo(rule.id()), lit(RuleText.describe(rule))).otherwise(result);
        }
        return result;
    }
}
