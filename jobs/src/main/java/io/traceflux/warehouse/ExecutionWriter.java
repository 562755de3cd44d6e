package io.traceflux.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.tables.DeltaTable;
import io.traceflux.spark.SideBySide;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Writes one execution's rows into the warehouse tables, atomically per table and
 * idempotently: each write is a single Delta commit. An execution id the warehouse has not
 * seen is appended blindly, which reads nothing of the table and never
 * conflicts with another execution's commit; a re-run replaces exactly the rows of its
 * {@code execution_id} ({@code replaceWhere}), so it never duplicates them. Every commit
 * carries the execution id and policy hash as Delta commit metadata ({@code userMetadata}), so
 * a table's history says which run wrote what. Rows a new execution already holds on the driver
 * can be appended without Spark instead ({@link HeldRowsAppender}).
 */
public final class ExecutionWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARALLEL_WRITES = 8;
    private static final int COMMIT_ATTEMPTS = 10;

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final String executionId;
    private final String commitMetadata;

    public ExecutionWriter(SparkSession spark, Warehouse warehouse, String executionId, String policySha256) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.executionId = executionId;
        this.commitMetadata = metadata(executionId, policySha256);
    }

    /** What every commit of this execution says of it: its id and policy hash, as JSON. */
    public String commitMetadata() {
        return commitMetadata;
    }

    /** Replaces this execution's rows of {@code table} by {@code rows} (which must carry execution_id). */
    public void replace(Table table, Dataset<Row> rows) {
        write(table, rows, true);
    }

    /**
     * Adds {@code rows} to {@code table} without reading it: only for an execution whose rows
     * the table cannot hold yet (its executions row was never written).
     */
    public void append(Table table, Dataset<Row> rows) {
        write(table, rows, false);
    }

    /**
     * One commit, retried when a concurrent commit to the same table conflicts with it. Blind
     * appends never conflict under Delta's default WriteSerializable isolation; a replace (a
     * re-run, the executions row's update) conflicts with another execution's replace of the
     * same unpartitioned table, and its retry reads the table again and rewrites its files.
     */
    private void write(Table table, Dataset<Row> rows, boolean replacing) {
        for (int attempt = 1; ; attempt++) {
            try {
                commit(table, rows, replacing);
                return;
            } catch (DeltaConcurrentModificationException e) {
                if (attempt == COMMIT_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private void commit(Table table, Dataset<Row> rows, boolean replacing) {
        DataFrameWriter<Row> writer = rows.write().format("delta")
                // A newer code version may add columns; older rows read them as null.
                .option("mergeSchema", "true")
                .option("userMetadata", commitMetadata);
        if (replacing) {
            writer.mode("overwrite").option("replaceWhere", predicate());
        } else {
            writer.mode("append");
        }
        writer.save(warehouse.tablePath(table));
    }

    /**
     * Writes this execution's rows of several tables at once, replacing earlier rows when
     * {@code replacing} (a re-run), else appending. Each table is still one atomic commit;
     * running them side by side hides the per-commit latency of small tables, which otherwise
     * dominates a replay of a few minutes of signals. The tables whose rows are also
     * {@code held} on the driver (the same rows as their dataset) are appended by
     * {@code appender} when this is a blind append and it accepts them, so that no Spark job
     * writes them ({@link HeldRowsAppender#NONE} for none).
     */
    public void writeAll(Map<Table, Dataset<Row>> tables, Map<Table, List<Row>> held, HeldRowsAppender appender,
            boolean replacing) {
        Map<Table, Callable<Void>> writes = new EnumMap<>(Table.class);
        tables.forEach((table, rows) -> writes.put(table, () -> {
            if (replacing || !held.containsKey(table) || !appendHeld(appender, table, held.get(table))) {
                write(table, rows, replacing);
            }
            return null;
        }));
        SideBySide.run(writes, PARALLEL_WRITES);
    }

    /** A held append, retried like a Spark commit when a concurrent commit conflicts with it. */
    private static boolean appendHeld(HeldRowsAppender appender, Table table, List<Row> rows) {
        for (int attempt = 1; ; attempt++) {
            try {
                return appender.append(table, rows);
            } catch (ConcurrentWriteException e) {
                if (attempt == COMMIT_ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** Backs off a little longer each attempt, with jitter, so that racing writers part. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt + ThreadLocalRandom.current().nextLong(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a commit", e);
        }
    }

    /** Removes this execution's rows from {@code table}, if the table exists. */
    public void delete(Table table) {
        String path = warehouse.tablePath(table);
        if (DeltaTable.isDeltaTable(spark, path)) {
            spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", commitMetadata);
            try {
                DeltaTable.forPath(spark, path).delete(functions.col("execution_id").equalTo(executionId));
            } finally {
                spark.conf().unset("spark.databricks.delta.commitInfo.userMetadata");
            }
        }
    }

    private String predicate() {
        // Execution ids are validated against [A-Za-z0-9][A-Za-z0-9._-]{0,127}: no quoting issue.
        return "execution_id = '" + executionId + "'";
    }

    private static String metadata(String executionId, String policySha256) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("execution_id", executionId);
        m.put("policy_sha256", policySha256);
        try {
            return JSON.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
