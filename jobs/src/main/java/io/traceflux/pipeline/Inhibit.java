package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;

import io.traceflux.policy.SuppressionRule;
import io.traceflux.spark.ScalaSeqs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One inhibit rule as a bounded time-window join (SPEC 3.2 step 3).
 *
 * <p>Time is cut into buckets as wide as {@code within}. Two signals in the same bucket are
 * always within range; a source in the bucket before a target's is in range exactly when the
 * latest such source is, and one in the bucket after exactly when the earliest is. So the
 * sources reduce to one row per (equal values, bucket) holding "any source here", and the
 * earliest and latest source times, and each target needs a single equi-join lookup of its
 * own bucket. That is linear in the signals, never a cross join, and the lookup side is small.
 */
final class Inhibit implements PipelineStep {

    private static final String BUCKET = "_inhibit_bucket";
    private static final String US = "_inhibit_us";
    private static final String ANY_SAME = "_inhibit_same";
    private static final String NEXT_MIN = "_inhibit_next_min";
    private static final String PREV_MAX = "_inhibit_prev_max";

    /** Lookup rows up to which the join broadcasts them (tens of bytes each). */
    private static final int MAX_BROADCAST_BUCKETS = 500_000;

    private final SuppressionRule.Inhibit rule;
    private final long withinMicros;
    private final long bucketWidth;

    Inhibit(SuppressionRule.Inhibit rule) {
        this.rule = rule;
        this.withinMicros = rule.within().toNanos() / 1_000;
        // A zero window means equal timestamps only: one-microsecond buckets say exactly that.
        this.bucketWidth = Math.max(withinMicros, 1);
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> signals) {
        Column unsuppressed = col(Columns.SUPPRESSED_BY).isNull();
        Column isSource = MatcherColumns.all(rule.source());
        Dataset<Row> keyed = withKeys(signals);
        Dataset<Row> sources = sourcesByBucket(keyed.filter(unsuppressed.and(isSource)));

        List<String> joinKeys = new ArrayList<>(keyNames());
        joinKeys.add(BUCKET);
        Dataset<Row> joined = keyed.join(lookupSide(sources), ScalaSeqs.of(joinKeys), "left");

        Column us = col(US);
        Column nearSource = coalesce(col(ANY_SAME), lit(false))
                .or(coalesce(col(NEXT_MIN).minus(us).leq(withinMicros), lit(false)))
                .or(coalesce(us.minus(col(PREV_MAX)).leq(withinMicros), lit(false)));
        Column isTarget = unsuppressed.and(MatcherColumns.all(rule.target())).and(not(isSource));

        Dataset<Row> marked = Suppress.mark(joined, rule.id(), isTarget.and(nearSource));
        List<String> helpers = new ArrayList<>(keyNames());
        helpers.addAll(List.of(BUCKET, US, ANY_SAME, NEXT_MIN, PREV_MAX));
        return marked.drop(helpers.toArray(String[]::new));
    }

    /**
     * The lookup rows, computed once: when they are few they come to the driver and go back as
     * a broadcast of those rows. Spark cannot estimate an aggregate's size, so left to itself it
     * plans a sort-merge join that shuffles every signal, whole, to look up a few thousand
     * buckets; and a broadcast of the aggregate itself would scan the signals again in every
     * query that reads them. The rows are per (equal values, bucket), never per signal. A rule
     * with more of them (fine buckets, high-cardinality equal values) keeps the shuffle join.
     */
    private static Dataset<Row> lookupSide(Dataset<Row> sources) {
        List<Row> rows = sources.limit(MAX_BROADCAST_BUCKETS + 1).collectAsList();
        if (rows.size() > MAX_BROADCAST_BUCKETS) {
            return sources;
        }
        return broadcast(sources.sparkSession().createDataFrame(rows, sources.schema()));
    }

    private Dataset<Row> withKeys(Dataset<Row> signals) {
        Dataset<Row> result = signals.withColumn(US, Columns.tsMicros());
        for (int i = 0; i < rule.equal().size(); i++) {
            result = result.withColumn(keyNames().get(i), SignalFields.value(rule.equal().get(i)));
        }
        return result.withColumn(BUCKET, Columns.bucket(col(US), bucketWidth));
    }

    /**
     * For each (equal values, target bucket): whether a source lies in that bucket, the earliest
     * source in the next bucket and the latest in the previous one.
     */
    private Dataset<Row> sourcesByBucket(Dataset<Row> sources) {
        List<Column> keys = new ArrayList<>();
        keyNames().forEach(k -> keys.add(col(k)));
        List<Column> groupBy = new ArrayList<>(keys);
        groupBy.add(col(BUCKET));
        Dataset<Row> perBucket = sources.groupBy(groupBy.toArray(Column[]::new))
                .agg(min(col(US)).as("smin"), max(col(US)).as("smax"));

        // Each source bucket speaks for three target buckets: itself, the one before (as its
        // "next") and the one after (as its "previous"); one explode, no union of three scans.
        Column forBuckets = explode(array(
                lookup(col(BUCKET), lit(true), lit(null).cast("long"), lit(null).cast("long")),
                lookup(col(BUCKET).minus(1), lit(null).cast("boolean"), col("smin"), lit(null).cast("long")),
                lookup(col(BUCKET).plus(1), lit(null).cast("boolean"), lit(null).cast("long"), col("smax"))));
        Dataset<Row> exploded = perBucket.select(cols(keys, forBuckets.as("l")))
                .select(cols(keys, col("l.b").as(BUCKET), col("l.same").as(ANY_SAME), col("l.next_min").as(NEXT_MIN),
                        col("l.prev_max").as(PREV_MAX)));
        return exploded.groupBy(groupBy.toArray(Column[]::new))
                .agg(max(col(ANY_SAME)).as(ANY_SAME), min(col(NEXT_MIN)).as(NEXT_MIN), max(col(PREV_MAX)).as(PREV_MAX));
    }

    private static Column lookup(Column bucket, Column same, Column nextMin, Column prevMax) {
        return struct(bucket.as("b"), same.as("same"), nextMin.as("next_min"), prevMax.as("prev_max"));
    }

    private List<String> keyNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rule.equal().size(); i++) {
            names.add("_inhibit_eq" + i);
        }
        return names;
    }

    private static Column[] cols(List<Column> keys, Column... more) {
        List<Column> all = new ArrayList<>(keys);
        all.addAll(List.of(more));
        return all.toArray(Column[]::new);
    }
}
