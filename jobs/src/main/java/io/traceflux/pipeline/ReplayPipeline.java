package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;

import io.traceflux.policy.Policy;
import io.traceflux.spark.ScalaSeqs;
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

    /** What the steps decide per signal: the columns {@link #explainWhole} joins to the signals. */
    private static final List<String> DECISIONS = List.of(
            Columns.SIGNAL_ID, Columns.SEVERITY, Columns.RAW_SEVERITY, Columns.FINGERPRINT, Columns.SUPPRESSED_BY,
            Columns.DUPLICATE_OF, Columns.INCIDENT_ID, Columns.GROUP_KEY, Columns.DECISION, Columns.REASON);

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

    /**
     * The same rows as {@link #explain}, without working columns, computed the way a large
     * window needs: the steps run over the few columns the policy reads (Spark prunes the
     * rest), and their decisions meet the whole signals in one join on signal_id. Sorts and
     * window buffers then hold narrow rows, and each whole signal crosses one shuffle, not one
     * per window. The join hashes the decisions per partition instead of sorting whole rows.
     */
    public Dataset<Row> explainWhole(Dataset<Row> selected) {
        Dataset<Row> decisions = explain(selected).select(DECISIONS.stream().map(c -> col(c)).toArray(Column[]::new));
        return selected.drop(Columns.SEVERITY)
                .join(decisions.hint("shuffle_hash"), ScalaSeqs.of(List.of(Columns.SIGNAL_ID)));
    }

    /** The incidents formed by explained signals (output of {@link #explain} or replay_signals rows). */
    public Dataset<Row> incidents(Dataset<Row> explained) {
        return aggregate.apply(explained);
    }

    private static Dataset<Row> applyAll(List<PipelineStep> steps, Dataset<Row> signals) {
        Dataset<Row> result = signals;
        for (PipelineStep step : steps) {
            result = step.apply(result);
        }
        return result;
    }
}
