package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Step 4: deduplication of unsuppressed signals (SPEC 3.2). Per fingerprint, ordered by
 * (ts, signal_id), a new episode starts when the gap to the previous signal exceeds the
 * window; the episode's first signal represents it and the others get {@code duplicate_of}.
 *
 * <p>This is the window plan, for policies without a co-partition key ({@link SortedPass} decides
 * the same in one pass where a key applies). Its input is the unsuppressed signals only:
 * {@link ReplayPipeline} routes suppressed ones around this step and {@link Correlate}, so they
 * never travel through the shuffles.
 *
 * <p>Each signal gets {@link Columns#REP}: its representative's ts, id and group_by values.
 * Correlation groups a duplicate with its representative, which may sit in another group; with
 * the representative's values at hand it needs no join back. The episode start is a running
 * maximum of the start rows' key: linear, where a "last non-null" window would go quadratic on
 * one huge fingerprint. Windows order by stored columns ({@link Columns#US}), not expressions:
 * Spark aliases an expression anew in each window, and two windows over different aliases of
 * the same value sort and shuffle twice.
 */
public final class Deduplicate implements PipelineStep {

    private final Optional<Duration> window;
    private final List<String> groupBy;

    /**
     * @param window  the dedup window; empty makes every signal its own representative
     * @param groupBy the correlation's group_by names, whose values the representative passes on
     */
    public Deduplicate(Optional<Duration> window, List<String> groupBy) {
        this.window = window;
        this.groupBy = List.copyOf(groupBy);
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> unsuppressed) {
        Column own = struct(col(Columns.US).as("us"), col(Columns.SIGNAL_ID).as("id"),
                GroupKey.values(groupBy).as("group"));
        Column rep = window.map(w -> episodeStart(own, Columns.micros(w))).orElse(own);
        return unsuppressed
                .withColumn(Columns.US, Columns.tsMicros())
                .withColumn(Columns.REP, rep)
                .withColumn(Columns.REPRESENTATIVE, col(Columns.REP).getField("id"))
                .withColumn(Columns.DUPLICATE_OF, when(col(Columns.REPRESENTATIVE).notEqual(col(Columns.SIGNAL_ID)),
                        col(Columns.REPRESENTATIVE)));
    }

    /** The key of the row that started the signal's episode (a struct orders by us, then id). */
    private Column episodeStart(Column own, long windowMicros) {
        WindowSpec ordered = Window.partitionBy(col(Columns.FINGERPRINT)).orderBy(col(Columns.US), col(Columns.SIGNAL_ID));
        Column previous = lag(col(Columns.US), 1).over(ordered);
        Column startsEpisode = previous.isNull().or(col(Columns.US).minus(previous).gt(windowMicros));
        return max(when(startsEpisode, own))
                .over(ordered.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
    }
}
