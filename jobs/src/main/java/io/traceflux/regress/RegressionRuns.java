package io.traceflux.regress;

import io.traceflux.warehouse.CreateTables;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Writes {@link Table#REGRESSION_RUNS} (SPEC 5, 7.2), keyed by {@code run_id}: a run's rows go
 * in one Delta commit that replaces the rows of that run id, so a retried night replaces its
 * rows and never duplicates them, and a run that dies before it leaves the previous attempt's
 * rows whole.
 */
public final class RegressionRuns {

    private RegressionRuns() {
    }

    /** Replaces the rows of {@code runId} by {@code rows} (all of that run id). */
    public static void replace(SparkSession spark, Warehouse warehouse, String runId, List<RegressionRow> rows) {
        new CreateTables(spark, warehouse).ifMissing(List.of(Table.REGRESSION_RUNS));
        // Run ids are validated like execution ids ([A-Za-z0-9][A-Za-z0-9._-]*): no quoting or escaping issue.
        spark.createDataFrame(rows.stream().map(RegressionRow::toRow).toList(), Table.REGRESSION_RUNS.schema())
                .coalesce(1)
                .write().format("delta").mode("overwrite")
                .option("replaceWhere", "run_id = '" + runId + "'")
                .option("userMetadata", "{\"run_id\":\"" + runId + "\"}")
                .save(warehouse.tablePath(Table.REGRESSION_RUNS));
    }
}
