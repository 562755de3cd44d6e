package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import io.traceflux.policy.Severity;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Step 1: canonical severities (SPEC 3.2). The raw value moves to {@code raw_severity};
 * {@code severity} becomes the canonical name that matchers and fingerprints see, and
 * {@code severity_rank} its rank. Comparison is case-insensitive and nothing is trimmed.
 */
public final class Normalize implements PipelineStep {

    private final Map<String, Severity> severityMap;

    /** @param severityMap lower-cased raw value to canonical severity */
    public Normalize(Map<String, Severity> severityMap) {
        this.severityMap = Map.copyOf(severityMap);
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> signals) {
        Column canonical = canonical(lower(col(Columns.SEVERITY)));
        return signals
                .withColumn(Columns.RAW_SEVERITY, col(Columns.SEVERITY))
                .withColumn(Columns.SEVERITY, canonical)
                .withColumn(Columns.SEVERITY_RANK, rankOf(col(Columns.SEVERITY)));
    }

    private Column canonical(Column lowered) {
        Column result = null;
        for (Severity s : Severity.values()) {
            if (s != Severity.UNKNOWN) {
                result = whenOrChain(result, lowered.equalTo(s.canonicalName()), s.canonicalName());
            }
        }
        for (Map.Entry<String, Severity> e : severityMap.entrySet()) {
            result = whenOrChain(result, lowered.equalTo(e.getKey()), e.getValue().canonicalName());
        }
        return result.otherwise(Severity.UNKNOWN.canonicalName());
    }

    /** The rank of a canonical severity name (SPEC 3.2: critical 5 ... unknown 0). */
    public static Column rankOf(Column canonicalName) {
        Column result = null;
        for (Severity s : Severity.values()) {
            result = whenOrChain(result, canonicalName.equalTo(s.canonicalName()), s.rank());
        }
        return result.otherwise(0);
    }

    /** The canonical name of a rank, the inverse of {@link #rankOf}. */
    public static Column nameOf(Column rank) {
        Column result = null;
        for (Severity s : Severity.values()) {
            result = whenOrChain(result, rank.equalTo(s.rank()), s.canonicalName());
        }
        return result.otherwise(Severity.UNKNOWN.canonicalName());
    }

    private static Column whenOrChain(Column chain, Column condition, Object value) {
        return chain == null ? when(condition, lit(value)) : chain.when(condition, lit(value));
    }
}
