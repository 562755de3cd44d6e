package io.traceflux.governance;

import io.traceflux.execution.DriverProcess;
import io.traceflux.execution.ExecutionRecord;
import io.traceflux.policy.Policy;
import io.traceflux.policy.PolicyLoader;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.warehouse.ExecutionWriter;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Executions as the replay job records them, written with Spark's writer, for governance tests
 * that need no replay: an executions row and a parity_report row with one gate.
 */
final class GovernanceFixture {

    static final String POLICY = """
            policy: edge
            version: 1
            fingerprint: {fields: [check, host]}
            correlation: {group_by: [region, pop], gap: 2m, min_signals: 2}
            governance:
              required_approvals: 2
              gates: {max_missing_critical: 0}
              promotable_scopes: ["region=eu-west"]
            """;

    private static final StructType GATE = new StructType().add("name", DataTypes.StringType)
            .add("threshold", DataTypes.DoubleType).add("actual", DataTypes.DoubleType)
            .add("passed", DataTypes.BooleanType);
    private static final StructType PARITY = new StructType().add("execution_id", DataTypes.StringType)
            .add("baseline_incidents", DataTypes.LongType).add("replay_incidents", DataTypes.LongType)
            .add("exact", DataTypes.LongType).add("incident_parity", DataTypes.DoubleType)
            .add("confidence", DataTypes.StringType).add("gates", DataTypes.createArrayType(GATE))
            .add("gates_passed", DataTypes.BooleanType);

    private GovernanceFixture() {
    }

    /** Writes edge@v1 under {@code dir}/policies and loads it. */
    static Policy policy(Path dir) {
        Path root = CaptureFixture.policy(dir, "edge", 1, POLICY);
        return PolicyLoader.load(root.resolve("edge/v1.yaml"));
    }

    /**
     * A succeeded execution of {@code policy} with a production baseline, started at {@code
     * started}: its executions row written running, then replaced, as a replay does.
     */
    static void execution(SparkSession spark, Path warehouse, String id, String mode, String triggeredBy, Policy policy,
            String scope, Instant started, boolean gatePassed) {
        ExecutionRecord.Lineage lineage = lineage(id, mode, triggeredBy, policy, scope, started);
        ExecutionRecord running = ExecutionRecord.running(lineage,
                new ExecutionRecord.Attempt(1, List.of(), DriverProcess.current()));
        ExecutionRecord done = running.succeeded(started.plusSeconds(30),
                new ExecutionRecord.Counts(10, 8, 2, 0, 0, 3, 1, 2, 0), mode.equals("enforced") && gatePassed);
        ExecutionWriter writer = new ExecutionWriter(spark, new Warehouse(warehouse.toString()), id, policy.sha256());
        writer.replace(Table.EXECUTIONS, spark.createDataFrame(running.asRows(), Table.EXECUTIONS.schema()));
        writer.replace(Table.EXECUTIONS, spark.createDataFrame(done.asRows(), Table.EXECUTIONS.schema()));
        writer.replace(Table.PARITY_REPORT, spark.createDataFrame(List.of(RowFactory.create(id, 2L, 2L, 2L, 1.0, "high",
                List.of(RowFactory.create("max_missing_critical", 0.0, gatePassed ? 0.0 : 1.0, gatePassed)), gatePassed)),
                PARITY));
    }

    /** What an execution of {@code policy} on capture cap-1 with a production baseline ran on. */
    static ExecutionRecord.Lineage lineage(String id, String mode, String triggeredBy, Policy policy, String scope,
            Instant started) {
        return new ExecutionRecord.Lineage(id, mode, policy.id(), policy.version(), policy.sha256(),
                policy.source().toAbsolutePath().toString(), policy.text(), "cap-1", "/captures/cap-1", "parquet", null,
                "production", scope, started, started.plusSeconds(600), triggeredBy, null, started, "test", "3.5.8",
                "3.3.2", "local[2]", null, null);
    }

    /**
     * A warehouse under {@code dir} holding one succeeded enforced execution, enf-1, that alice
     * triggered in scope region=eu-west and whose gates passed: ready to be approved.
     */
    static Path enforcedWarehouse(SparkSession spark, Path dir) {
        Path warehouse = dir.resolve("wh");
        execution(spark, warehouse, "enf-1", "enforced", "alice", policy(dir), "region=eu-west",
                Instant.parse("2026-12-01T10:00:00Z"), true);
        return warehouse;
    }
}
