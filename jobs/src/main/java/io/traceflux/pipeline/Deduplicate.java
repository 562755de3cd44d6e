package io.traceflux.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.time.Duration;
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
 * <p>The episode start is a running maximum of the start rows' ordering key: linear, where a
 * "last non-null" window would go quadratic on one huge fingerprint.
 */
public final class Deduplicate implements PipelineStep {

    private final Optional<Duration> window;

    public Deduplicate(Optional<Duration> window) {
        this.window = window;
    }

    @Override
    public Dataset<Row> apply(Dataset<Row> signals) {
        Column active = col(Columns.SUPPRESSED_BY).isNull();
        if (window.isEmpty()) {
            return signals
                    .withColumn(Columns.REPRESENTATIVE, when(active, col(Columns.SIGNAL_ID)))
                    .withColumn(Columns.EPISODE_SIZE, when(active, lit(1L)))
                    .withColumn(Columns.DUPLICATE_OF, lit(null).cast("string"));
        }
        long windowMicros = window.get().toNanos() / 1_000;
        WindowSpec ordered = Window.partitionBy(col(Columns.FINGERPRINT), active)
                .orderBy(Columns.tsMicros(), col(Columns.SIGNAL_ID));
        Column previous = lag(Columns.tsMicros(), 1).over(ordered);
        Column startsEpisode = previous.isNull().or(Columns.tsMicros().minus(previous).gt(windowMicros));
        Column episodeStart = max(when(startsEpisode, Columns.orderKey()))
                .over(ordered.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));

        Dataset<Row> withRep = signals.withColumn(Columns.REPRESENTATIVE,
                when(active, episodeStart.getField("id")));
        WindowSpec episode = Window.partitionBy(col(Columns.FINGERPRINT), active, col(Columns.REPRESENTATIVE));
        return withRep
                .withColumn(Columns.EPISODE_SIZE, when(active, count(lit(1)).over(episode)))
                .withColumn(Columns.DUPLICATE_OF, when(active.and(col(Columns.REPRESENTATIVE).notEqual(col(Columns.SIGNAL_ID))),
                        col(Columns.REPRESENTATIVE)));
    }
}
