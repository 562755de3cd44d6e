package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;

import io.traceflux.policy.Policy;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The six steps of SPEC 3.2 for one policy version, in order:
 * {@link Normalize}, {@link Fingerprint}, {@link Suppress}, {@link Deduplicate},
 * {@link Correlate}, then {@link Explain} for every signal and {@link Aggregate} for incidents.
 *
 * <p>Suppressed signals leave after {@link Suppress}: deduplication and correlation see only
 * the others, and the two parts meet again before {@link Explain}. The plan keeps no cache or
 * checkpoint, so Spark reads only the columns a consumer asks for: a baseline that needs ids
 * and decisions shuffles narrow rows, not whole signals.
 */
public final class ReplayPipeline {

    private final List<PipelineStep> prepare;
    private final List<PipelineStep> group;
    private final Explain explain;
    private final Aggregate aggregate;

    private ReplayPipeline(List<PipelineStep> prepare, List<PipelineStep> group, Explain explain,
            Aggregate aggregate) {
        this.prepare = prepare;
        this.group = group;
        this.explain = explain;
        this.aggregate = aggregate;
    }

    public static ReplayPipeline of(Policy policy) {
        List<PipelineStep> prepare = List.of(
                new Normalize(policy.severityMap()),
                new Fingerprint(policy.fingerprint()),
                new Suppress(policy.suppression()));
        List<PipelineStep> group = List.of(
                new Deduplicate(policy.dedupWindow(), policy.correlation().groupBy()),
                new Correlate(policy.id(), policy.correlation()));
        return new ReplayPipeline(prepare, group, new Explain(policy),
                new Aggregate(new IncidentTitle(policy.titleTemplate())));
    }

    /**
     * Every selected signal with its explanation: fingerprint, suppressed_by, duplicate_of,
     * incident_id, decision and reason, plus working columns prefixed {@code _}.
     */
    public Dataset<Row> explain(Dataset<Row> selected) {
        Dataset<Row> prepared = applyAll(prepare, selected);
        Dataset<Row> grouped = applyAll(group, prepared.filter(col(Columns.SUPPRESSED_BY).isNull()));
        Dataset<Row> suppressed = prepared.filter(col(Columns.SUPPRESSED_BY).isNotNull());
        return explain.apply(grouped.unionByName(suppressed, true));
    }

    /** The incidents formed by explained signals (output of {@link #explain} or replay_signals rows). */
    public Dataset<Row> incidents(Dataset<Row> explained) {
        return aggregate.apply(explained);
    }

    /** Drops the working columns that only the steps need. */
    public static Dataset<Row> withoutWorkingColumns(Dataset<Row> explained) {
        return explained.select(Arrays.stream(explained.columns())
                .filter(c -> !c.startsWith("_"))
                .map(c -> col("`" + c + "`"))
                .toArray(Column[]::new));
    }

    private static Dataset<Row> applyAll(List<PipelineStep> steps, Dataset<Row> signals) {
        Dataset<Row> result = signals;
        for (PipelineStep step : steps) {
            result = step.apply(result);
        }
        return result;
    }
}
