package io.traceflux.execution;

import static org.apache.spark.sql.functions.col;

import io.traceflux.InvalidInputException;
import io.traceflux.capture.Capture;
import io.traceflux.parity.BaselineTables;
import io.traceflux.parity.ParityInputs;
import io.traceflux.parity.ProductionBaseline;
import io.traceflux.pipeline.CoPartition;
import io.traceflux.pipeline.Columns;
import io.traceflux.pipeline.ReplayPipeline;
import io.traceflux.spark.ScalaSeqs;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns a {@link BaselineSpec} into the baseline side of the parity computation, restricted
 * to the replay's selected signals (SPEC 2.3). {@link #check} runs before anything is written,
 * so a missing or malformed baseline is refused with nothing half-done.
 */
final class BaselineLoader {

    private final SparkSession spark;
    private final Warehouse warehouse;
    private final String executionId;
    private final List<Dataset<Row>> cached = new ArrayList<>();
    private Map<String, Long> versions = Map.of();

    BaselineLoader(SparkSession spark, Warehouse warehouse, String executionId) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.executionId = executionId;
    }

    /**
     * Refuses a baseline that cannot be read, with a message naming what is wrong, and pins
     * production's Delta tables: at the versions {@code pins} gives (an earlier attempt's),
     * else at their latest. Returns the versions {@link #load} will read.
     */
    Map<String, Long> check(BaselineSpec spec, Capture capture, Map<String, Long> pins) {
        if (spec instanceof BaselineSpec.Production) {
            if (!capture.hasBaseline()) {
                throw new InvalidInputException("--baseline production: capture " + capture.path()
                        + " has no baseline/ folder");
            }
            versions = BaselineTables.read(spark, capture.path(), pins).versions();
        } else if (spec instanceof BaselineSpec.Execution e) {
            checkExecution(e.executionId());
        }
        return versions;
    }

    /** The baseline over the selected signals (SPEC 2.1 columns plus any baseline_* columns). */
    ParityInputs.Baseline load(BaselineSpec spec, Capture capture, Dataset<Row> selected, CoPartition coPartition) {
        if (spec instanceof BaselineSpec.Production) {
            BaselineTables tables = BaselineTables.read(spark, capture.path(), versions);
            return ProductionBaseline.restrict(tables.membership(), selectedIds(selected))
                    .withIncidents(tables.incidents());
        }
        if (spec instanceof BaselineSpec.Execution e) {
            Dataset<Row> signals = executionRows(Table.REPLAY_SIGNALS, e.executionId())
                    .select("signal_id", "incident_id", "fingerprint", "suppressed_by")
                    .join(selected.select("signal_id"), ScalaSeqs.of(List.of("signal_id")), "left_semi");
            return ParityInputs.Baseline.ofReplay(signals, executionRows(Table.REPLAY_INCIDENTS, e.executionId()));
        }
        ReplayPipeline pipeline = ReplayPipeline.of(((BaselineSpec.PolicyVersion) spec).policy(), coPartition);
        // Only the columns parity and the incidents need: Spark prunes the rest before the
        // pipeline's shuffles, and the cache (read twice: signals and incidents) stays narrow;
        // on disk, because at 10M signals even narrow rows would fill a 2 GiB driver.
        List<String> columns = new ArrayList<>(List.of("signal_id", "incident_id", "fingerprint", "suppressed_by",
                "ts", "severity", "service", "host", "group_key"));
        columns.addAll(coPartition.joinKeys());
        Dataset<Row> explained = pipeline.explain(selected)
                .select(Columns.named(columns))
                .persist(StorageLevel.DISK_ONLY());
        cached.add(explained);
        List<String> signals = new ArrayList<>(List.of("signal_id", "incident_id", "fingerprint", "suppressed_by"));
        signals.addAll(coPartition.joinKeys());
        return ParityInputs.Baseline.ofReplay(explained.select(Columns.named(signals)), pipeline.incidents(explained));
    }

    /** Drops what {@link #load} cached; the baseline's datasets must not be used after this. */
    void release() {
        cached.forEach(Dataset::unpersist);
        cached.clear();
    }

    private static Dataset<Row> selectedIds(Dataset<Row> selected) {
        Set<String> present = Set.of(selected.columns());
        List<Column> cols = new ArrayList<>(List.of(col("signal_id")));
        for (String c : List.of(ProductionBaseline.BASELINE_FINGERPRINT, ProductionBaseline.BASELINE_SUPPRESSED_BY)) {
            if (present.contains(c)) {
                cols.add(col(c));
            }
        }
        return selected.select(cols.toArray(Column[]::new));
    }

    private void checkExecution(String id) {
        if (id.equals(executionId)) {
            throw new InvalidInputException("--baseline execution:" + id + ": an execution cannot be its own baseline");
        }
        String path = warehouse.tablePath(Table.EXECUTIONS);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            throw new InvalidInputException("--baseline execution:" + id + ": no executions table at " + path);
        }
        List<Row> found = spark.read().format("delta").load(path).filter(col("execution_id").equalTo(id))
                .select("status").collectAsList();
        if (found.isEmpty()) {
            throw new InvalidInputException("--baseline execution:" + id + ": no such execution in " + path);
        }
        if (!"succeeded".equals(found.get(0).getString(0))) {
            throw new InvalidInputException("--baseline execution:" + id + ": that execution is "
                    + found.get(0).getString(0) + ", not succeeded");
        }
    }

    private Dataset<Row> executionRows(Table table, String id) {
        return spark.read().format("delta").load(warehouse.tablePath(table)).filter(col("execution_id").equalTo(id));
    }
}
