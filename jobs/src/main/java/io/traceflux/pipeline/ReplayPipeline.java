package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;

import io.traceflux.policy.Policy;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The six steps of SPEC 3.2 for one policy version, in order:
 * {@link Normalize}, {@link Fingerprint}, {@link Suppress}, {@link Deduplicate},
 * {@link Correlate}, then {@link Explain} for every signal and {@link Aggregate} for incidents.
 */
public final class ReplayPipeline {

    private final List<PipelineStep> steps;
    private final Aggregate aggregate;

    private ReplayPipeline(List<PipelineStep> steps, Aggregate aggregate) {
        this.steps = steps;
        this.aggregate = aggregate;
    }

    public static ReplayPipeline of(Policy policy) {
        List<PipelineStep> steps = List.of(
                new Normalize(policy.severityMap()),
                new Fingerprint(policy.fingerprint()),
                new Suppress(policy.suppression()),
                new Deduplicate(policy.dedupWindow()),
                new Correlate(policy.id(), policy.correlation()),
                new Explain(policy));
        return new ReplayPipeline(steps, new Aggregate(new IncidentTitle(policy.titleTemplate())));
    }

    /**
     * Every selected signal with its explanation: fingerprint, suppressed_by, duplicate_of,
     * incident_id, decision and reason, plus working columns prefixed {@code _}.
     */
    public Dataset<Row> explain(Dataset<Row> selected) {
        Dataset<Row> result = selected;
        for (PipelineStep step : steps) {
            if (step instanceof Correlate) {
                // Correlate reads its input twice (representatives, then every signal joins its
                // representative's incident): materialize it once instead of computing suppression
                // and deduplication twice. The checkpoint is dropped when no longer referenced.
                result = result.localCheckpoint(true);
            }
            result = step.apply(result);
        }
        return result;
    }

    /** The incidents formed by explained signals (output of {@link #explain}). */
    public Dataset<Row> incidents(Dataset<Row> explained) {
        return aggregate.apply(explained);
    }

    /** Drops the working columns that only the steps need. */
    public static Dataset<Row> withoutWorkingColumns(Dataset<Row> explained) {
        return explained.select(java.util.Arrays.stream(explained.columns())
                .filter(c -> !c.startsWith("_"))
                .map(c -> col("`" + c + "`"))
                .toArray(org.apache.spark.sql.Column[]::new));
    }
}
