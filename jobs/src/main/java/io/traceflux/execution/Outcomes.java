package io.traceflux.execution;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.traceflux.pipeline.Columns;
import io.traceflux.policy.SuppressionRule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How the selected signals left the pipeline, counted in one small aggregation over the
 * replay's decisions: per rule suppressed, duplicates, signals in incidents, uncorrelated
 * representatives and unknown severities.
 *
 * @param suppressedByRule rule id to suppressed signals, in policy order (zeros included)
 */
record Outcomes(Map<String, Long> suppressedByRule, long suppressed, long duplicates, long incidentSignals,
        long uncorrelated, long unknownSeverity) {

    Outcomes {
        suppressedByRule = Collections.unmodifiableMap(new LinkedHashMap<>(suppressedByRule));
    }

    /** @param decisions one row per selected signal with decision, suppressed_by, duplicate_of and severity */
    static Outcomes of(Dataset<Row> decisions, List<SuppressionRule> rules) {
        Map<String, Long> byRule = new LinkedHashMap<>();
        rules.forEach(r -> byRule.put(r.id(), 0L));
        long suppressed = 0;
        long duplicates = 0;
        long incidentSignals = 0;
        long uncorrelated = 0;
        long unknown = 0;
        List<Row> rows = decisions.groupBy(col(Columns.DECISION), col(Columns.SUPPRESSED_BY))
                .agg(count(lit(1)), sum(when(col(Columns.DUPLICATE_OF).isNotNull(), 1).otherwise(0)),
                        sum(when(col(Columns.SEVERITY).equalTo("unknown"), 1).otherwise(0)))
                .collectAsList();
        for (Row r : rows) {
            long n = r.getLong(2);
            duplicates += r.getLong(3);
            unknown += r.getLong(4);
            switch (r.getString(0)) {
                case "suppressed" -> {
                    suppressed += n;
                    byRule.merge(r.getString(1), n, Long::sum);
                }
                case "incident" -> incidentSignals += n;
                case "uncorrelated" -> uncorrelated += n;
                default -> { }
            }
        }
        return new Outcomes(byRule, suppressed, duplicates, incidentSignals, uncorrelated, unknown);
    }
}
