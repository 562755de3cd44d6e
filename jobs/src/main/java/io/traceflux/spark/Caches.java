package io.traceflux.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The datasets one command keeps in Spark's cache, dropped together when it closes: a run
 * persists what several stages read (decisions, incidents, the comparison) and releases all
 * of it in one place, however it ends.
 */
public final class Caches implements AutoCloseable {

    private final List<Runnable> releases = new ArrayList<>();

    /**
     * {@code rows} persisted at {@code level}; evaluated by its first action, dropped by {@link #close}.
     * The dataset returned is planned on the cached relation itself ({@link #onCache}).
     */
    public Dataset<Row> keep(Dataset<Row> rows, StorageLevel level) {
        Dataset<Row> persisted = rows.persist(level);
        releases.add(persisted::unpersist);
        return onCache(persisted);
    }

    /**
     * A persisted dataset as a plan whose leaf is its cached relation. Spark otherwise finds the
     * cache by comparing each query's plan with the cached one, and a query that reads the same
     * rows twice gives the second read new attribute ids; a plan over an RDD with a partitioning
     * label (the sorted pass's rows) then no longer compares equal, and the second read
     * recomputes everything under it. The cached relation renews its ids cleanly.
     */
    public static Dataset<Row> onCache(Dataset<Row> persisted) {
        return Dataset.ofRows(persisted.sparkSession(), persisted.queryExecution().withCachedData());
    }

    /** Runs {@code release} on {@link #close}: for what an owner caches itself (a comparison, a baseline). */
    public void onClose(Runnable release) {
        releases.add(release);
    }

    /** Drops everything, the last kept first. */
    @Override
    public void close() {
        for (int i = releases.size() - 1; i >= 0; i--) {
            releases.get(i).run();
        }
        releases.clear();
    }
}
