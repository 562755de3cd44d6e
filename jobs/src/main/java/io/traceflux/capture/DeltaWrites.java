package io.traceflux.capture;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import scala.Option;
import scala.collection.JavaConverters;

/** Creates the Delta tables of a capture, each in one commit. */
final class DeltaWrites {

    private DeltaWrites() {
    }

    /**
     * Writes {@code rows} as a new Delta table at {@code path} and returns how many rows the
     * commit wrote, read from its operation metrics: counting the table instead would first
     * rebuild its snapshot, a Spark job of its own.
     */
    static long create(Dataset<Row> rows, String path) {
        rows.write().format("delta").save(path);
        DeltaLog log = DeltaLog.forTable(rows.sparkSession(), path);
        for (Action action : JavaConverters.seqAsJavaList(log.getChanges(0, false).next()._2())) {
            if (action instanceof CommitInfo commit && commit.operationMetrics().isDefined()) {
                Option<String> written = commit.operationMetrics().get().get("numOutputRows");
                if (written.isDefined()) {
                    return Long.parseLong(written.get());
                }
            }
        }
        // Commit metrics are off (spark.databricks.delta.history.metricsEnabled=false).
        return rows.sparkSession().read().format("delta").load(path).count();
    }
}
