package io.traceflux.governance;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps the control-plane tables ({@link Table#CONTROL_PLANE}) in few files. Every replay adds
 * a small file to executions and parity_report and two to audit_log, every approval or
 * promotion one more; the commands that read them without Spark ({@code executions list},
 * {@code audit verify}) open each file, so after a thousand executions file opens are most of
 * their time. A table that holds at least {@link #minFiles} files is rewritten into one by
 * Delta's {@code OPTIMIZE}: a commit that changes no data, so every reader, at any version,
 * sees the same rows, and the audit chain's hashes are untouched.
 *
 * <p>Compaction never fails the run that asks for it: when a concurrent commit conflicts with
 * it (another run replacing its executions row, say), the table is left for the next run. A
 * writer that loses to a compaction retries its own commit ({@code ExecutionWriter}, the
 * audit log's append).
 */
public final class CompactControlPlane {

    /** Files a table may hold before it is compacted: Delta's own default for auto compaction. */
    public static final int DEFAULT_MIN_FILES = 50;

    private final SparkSession spark;
    private final Warehouse warehouse;
    private int minFiles = DEFAULT_MIN_FILES;

    private CompactControlPlane(SparkSession spark, Warehouse warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    /** Compaction of {@code warehouse}'s control-plane tables, run with {@code spark}. */
    public static CompactControlPlane on(SparkSession spark, Warehouse warehouse) {
        return new CompactControlPlane(spark, warehouse);
    }

    /** Compacts a table once it holds at least {@code files} files (at least 2). */
    public CompactControlPlane minFiles(int files) {
        if (files < 2) {
            throw new IllegalArgumentException("minFiles must be at least 2, got " + files);
        }
        this.minFiles = files;
        return this;
    }

    /**
     * What was compacted.
     *
     * @param compacted    each compacted table with the number of files it had
     * @param leftForLater tables a concurrent commit kept from being compacted this time
     */
    public record Result(Map<Table, Integer> compacted, List<Table> leftForLater) {

        public Result {
            compacted = Map.copyOf(compacted);
            leftForLater = List.copyOf(leftForLater);
        }
    }

    /** Counts each table's files from its log (no data read) and compacts those at the threshold. */
    public Result execute() {
        KernelTables kernel = KernelTables.open(warehouse.root(), spark.sparkContext().hadoopConfiguration());
        Map<Table, Integer> compacted = new LinkedHashMap<>();
        List<Table> leftForLater = new ArrayList<>();
        for (Table table : Table.CONTROL_PLANE) {
            int files = kernel.fileCount(table.tableName());
            if (files < minFiles) {
                continue;
            }
            try {
                DeltaTable.forPath(spark, warehouse.tablePath(table)).optimize().executeCompaction();
                compacted.put(table, files);
            } catch (DeltaConcurrentModificationException e) {
                leftForLater.add(table);
            }
        }
        return new Result(compacted, leftForLater);
    }
}
