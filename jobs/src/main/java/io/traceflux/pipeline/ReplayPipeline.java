package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;

import io.traceflux.policy.Policy;
import io.traceflux.spark.ScalaSeqs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The six steps of SPEC 3.2 for one policy version, in order:
 * {@link Normalize}, {@link Fingerprint}, {@link Suppress}, {@link Deduplicate},
 * {@link Correlate}, then {@link Explain} for every signal and {@link Aggregate} for incidents.
 *
 * <p>With a co-partition key ({@link CoPartition}), steps 4 and 5 are one {@link SortedPass}:
 * one shuffle on the key, one sort, one linear pass. Without one they are window operators,
 * and suppressed signals leave after {@link Suppress}: deduplication and correlation see only
 * the others, and the two parts meet again before {@link Explain}. The plan keeps no cache or
 * checkpoint, so Spark reads only the columns a consumer asks for: a baseline that needs ids
 * and decisions shuffles narrow rows, not whole signals.
 */
public final class ReplayPipeline {

    /**
     * What the steps decide per signal: the columns {@link #whole} joins to the signals. The
     * reason text is made from them after the join ({@link Explain#withReason}), so the
     * shuffles and caches carry a piece size instead of a hundred bytes of text per signal.
     */
    private static final List<String> DECISIONS = List.of(
            Columns.SIGNAL_ID, Columns.SEVERITY, Columns.RAW_SEVERITY, Columns.FINGERPRINT, Columns.SUPPRESSED_BY,
            Columns.DUPLICATE_OF, Columns.INCIDENT_ID, Columns.GROUP_KEY, Columns.DECISION, Columns.PIECE_SIZE);
    /** Signal columns that travel with the decisions, for a comparison with a baseline. */
    private static final List<String> CONTEXT = List.of(Columns.TS, "service", "region", "pop", "host");

    private final List<PipelineStep> prepare;
    private final CoPartition coPartition;
    private final PipelineStep group;
    private final Explain explain;
    private final Aggregate aggregate;
    private final ActionTimes actionTimes;

    private ReplayPipeline(List<PipelineStep> prepare, CoPartition coPartition, PipelineStep group,
            Explain explain, Aggregate aggregate, ActionTimes actionTimes) {
        this.prepare = prepare;
        this.coPartition = coPartition;
        this.group = group;
        this.explain = explain;
        this.aggregate = aggregate;
        this.actionTimes = actionTimes;
    }

    /** The pipeline of {@code policy}, each window shuffling on its own keys. */
    public static ReplayPipeline of(Policy policy) {
        return of(policy, CoPartition.none());
    }

    /** The pipeline of {@code policy}, with one shuffle and one sorted pass on {@code coPartition}'s key when it has one. */
    public static ReplayPipeline of(Policy policy, CoPartition coPartition) {
        List<PipelineStep> prepare = List.of(
                new Normalize(policy.severityMap()),
                new Fingerprint(policy.fingerprint()),
                new Suppress(policy.suppression()));
        PipelineStep group;
        if (coPartition.isPresent()) {
            group = new SortedPass(policy, coPartition)::apply;
        } else {
            Deduplicate dedup = new Deduplicate(policy.dedupWindow(), policy.correlation().groupBy());
            Correlate correlate = new Correlate(policy.id(), policy.correlation());
            group = rows -> correlate.apply(dedup.apply(rows));
        }
        return new ReplayPipeline(prepare, coPartition, group, new Explain(policy),
                new Aggregate(new IncidentTitle(policy.titleTemplate())),
                new ActionTimes(policy.actions(), policy.correlation().groupBy()));
    }

    /**
     * Every selected signal with its explanation: fingerprint, suppressed_by, duplicate_of,
     * incident_id, decision and reason.
     *
     * <p>Without a co-partition key the rows are whole signals plus working columns prefixed
     * {@code _}, and suppressed signals bypass the windows and their shuffles. With one they
     * are the narrow rows of {@link SortedPass} (signal_id, ts, severities, fingerprint,
     * suppressed_by, service, region, pop, host, the decisions and {@link CoPartition#PART}),
     * partitioned on the key; {@link #whole} gives whole signals.
     */
    public Dataset<Row> explain(Dataset<Row> selected) {
        Dataset<Row> prepared = applyAll(prepare, selected);
        if (coPartition.isPresent()) {
            return explain.apply(group.apply(prepared));
        }
        Dataset<Row> grouped = group.apply(prepared.filter(col(Columns.SUPPRESSED_BY).isNull()));
        Dataset<Row> suppressed = prepared.filter(col(Columns.SUPPRESSED_BY).isNotNull());
        return explain.apply(grouped.unionByName(suppressed, true));
    }

    /**
     * The decisions of {@link #explain} on narrow rows, without reason text: {@link #DECISIONS},
     * the signal's ts, service, region and pop, and the co-partition key when there is one (the
     * rows are then partitioned on it, so they meet another policy's decisions without a
     * shuffle). The steps read only the columns the policy uses: Spark prunes the rest before
     * the first shuffle.
     */
    public Dataset<Row> decisions(Dataset<Row> selected) {
        List<String> columns = new ArrayList<>(DECISIONS);
        columns.addAll(CONTEXT);
        columns.addAll(coPartition.joinKeys());
        return explain(selected).select(Columns.named(columns));
    }

    /**
     * The same rows as {@link #explain}, without working columns: the whole selected signals
     * meet their {@link #decisions} (or rows that carry them) in one join on signal_id. Sorts
     * and window buffers hold narrow rows, and each whole signal crosses one shuffle, not one
     * per window. Without a key the join hashes the decisions per partition instead of sorting
     * whole rows.
     * With a co-partition key the join adds it to signal_id: the decisions lie partitioned on
     * it already, so only the whole signals are shuffled. That join sorts instead of hashing:
     * a storm's key puts a third of all decisions in one partition, whose hash map did not fit
     * a 2 GiB executor.
     */
    public Dataset<Row> whole(Dataset<Row> selected, Dataset<Row> decisions) {
        List<String> keys = new ArrayList<>(List.of(Columns.SIGNAL_ID));
        keys.addAll(coPartition.joinKeys());
        List<String> columns = new ArrayList<>(DECISIONS);
        columns.addAll(coPartition.joinKeys());
        Dataset<Row> decided = decisions.select(Columns.named(columns));
        Dataset<Row> joined = coPartition.withKey(selected.drop(Columns.SEVERITY))
                .join(coPartition.isPresent() ? decided : decided.hint("shuffle_hash"), ScalaSeqs.of(keys));
        return explain.withReason(joined).drop(coPartition.joinKeys().toArray(String[]::new));
    }

    /** {@link #decisions} with their reason text ({@link Explain#withReason}). */
    public Dataset<Row> withReason(Dataset<Row> decisions) {
        return explain.withReason(decisions);
    }

    /**
     * The incidents formed by explained signals (output of {@link #explain}, or rows carrying
     * its decisions with ts, service and host). When the policy has actions, each incident also
     * carries {@link ActionTimes#COLUMN}: when it first satisfies each action (SPEC 3.4),
     * computed in the same pass.
     */
    public Dataset<Row> incidents(Dataset<Row> explained) {
        return actionTimes.isEmpty() ? aggregate.apply(explained)
                : aggregate.apply(actionTimes.running(explained), Map.of(ActionTimes.COLUMN, actionTimes.times()));
    }

    private static Dataset<Row> applyAll(List<PipelineStep> steps, Dataset<Row> signals) {
        Dataset<Row> result = signals;
        for (PipelineStep step : steps) {
            result = step.apply(result);
        }
        return result;
    }
}
