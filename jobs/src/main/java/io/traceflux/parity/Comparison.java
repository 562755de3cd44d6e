package io.traceflux.parity;

import io.traceflux.spark.Caches;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The replay's decisions for every selected signal beside the baseline's, joined once and
 * kept on disk: the one pass that replay_signals, the parity report and every diff table read
 * (a row per signal; in memory it would fill a 2 GiB driver at 10M signals). The replay's
 * columns keep their names; the baseline's are prefixed {@code b_}.
 *
 * <pre>{@code
 * Comparison comparison = Comparison.of(decisions, baseline, pipeline::withReason);
 * try { ... pipeline.whole(selected, comparison.rows()) ... } finally { comparison.release(); }
 * }</pre>
 */
public final class Comparison {

    private final Dataset<Row> persisted;
    private final Dataset<Row> rows;
    private final UnaryOperator<Dataset<Row>> reasons;

    private Comparison(Dataset<Row> persisted, UnaryOperator<Dataset<Row>> reasons) {
        this.persisted = persisted;
        this.rows = Caches.onCache(persisted);
        this.reasons = reasons;
    }

    /**
     * @param replayDecisions one row per selected signal: signal_id, ts, service, region, pop,
     *                        severity, incident_id, fingerprint, suppressed_by, decision, and
     *                        whatever else replay_signals is later written from
     * @param baseline        the baseline, restricted to the selected signals
     * @param reasons         adds the replay's {@code reason} text to rows carrying its decision
     *                        columns (identity when {@code replayDecisions} has it already)
     */
    public static Comparison of(Dataset<Row> replayDecisions, ParityInputs.Baseline baseline,
            UnaryOperator<Dataset<Row>> reasons) {
        return new Comparison(SignalComparison.compare(replayDecisions, baseline).persist(StorageLevel.DISK_ONLY()),
                reasons);
    }

    /** Drops the cached rows; nothing read from this comparison may be evaluated after it. */
    public void release() {
        persisted.unpersist();
    }

    /**
     * The cached rows: every column of the replay's decisions under its own name (replay_signals
     * can be written from them), the baseline's prefixed {@code b_}, and the difference flags.
     */
    public Dataset<Row> rows() {
        return rows;
    }

    /** {@code compared} with the replay's reason text, for the rows that print it. */
    Dataset<Row> withReasons(Dataset<Row> compared) {
        return reasons.apply(compared);
    }
}
