package io.traceflux.bench;

import static org.apache.spark.sql.functions.col;

import io.traceflux.execution.DriverProcess;
import io.traceflux.execution.ExecutionRecord;
import io.traceflux.governance.Approve;
import io.traceflux.governance.CompactControlPlane;
import io.traceflux.governance.ControlPlane;
import io.traceflux.governance.AuditEntry;
import io.traceflux.governance.Promote;
import io.traceflux.policy.Policy;
import io.traceflux.policy.PolicyLoader;
import io.traceflux.spark.Sessions;
import io.traceflux.warehouse.Table;
import io.traceflux.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A warehouse of N executions laid out as N replays leave it, for the control-plane benchmark
 * (bench/control-plane.sh): each execution's executions row in a file of its own, written running
 * and then replaced by the succeeded row, its parity_report row in a file of its own, and its
 * execution_started and execution_finished entries in the audit log, one file each (all written
 * with Spark in a few commits rather than thousands, to save time), all but the newest compacted
 * as the replays' own compaction leaves them; then approvals and promotions
 * of the newest enforced executions, through the commands' own code (Kernel appends). Signal-level
 * tables are left out: no control-plane command reads them.
 *
 * <p>Usage: {@code ControlPlaneWarehouse <warehouse> <executions> <policy-file>}; prints the
 * ids the benchmark uses.
 */
public final class ControlPlaneWarehouse {

    static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");

    private ControlPlaneWarehouse() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).toAbsolutePath();
        int n = Integer.parseInt(args[1]);
        Policy policy = PolicyLoader.load(Path.of(args[2]).toAbsolutePath().normalize());
        SparkSession spark = Sessions.forJob("traceflux bench control plane", "local[2]");
        Warehouse warehouse = new Warehouse(root.toString());
        long started = System.nanoTime();
        List<Row> running = new ArrayList<>();
        List<Row> succeeded = new ArrayList<>();
        List<Row> parity = new ArrayList<>();
        AuditChain chain = new AuditChain();
        for (int i = 0; i < n; i++) {
            String id = id(i);
            ExecutionRecord run = ExecutionRecord.running(lineage(id, i, policy),
                    new ExecutionRecord.Attempt(1, List.of(), DriverProcess.current()));
            ExecutionRecord done = run.succeeded(run.lineage().startedAt().plusSeconds(40),
                    new ExecutionRecord.Counts(100_000, 99_000, 1_000, 0, 0, 60_000, 4_000, 120, 3),
                    enforced(i) && i % 10 != 9);
            running.add(run.toRow());
            succeeded.add(done.toRow());
            parity.add(parity(id, i % 10 != 9));
            chain.add(run, "execution_started", run.lineage().startedAt(), "{\"mode\":\"" + run.lineage().mode() + "\"}");
            chain.add(done, "execution_finished", done.finishedAt(), "{\"status\":\"succeeded\"}");
        }
        // As N replays leave these tables: each replay adds one file per table (its running row
        // replaced by the succeeded one, its parity row, two audit entries), and compacts a table
        // once it holds DEFAULT_MIN_FILES files. So the oldest executions lie compacted and the
        // newest (up to one short of the threshold) one file each: the most files a reader meets.
        int tail = Math.min(n, CompactControlPlane.DEFAULT_MIN_FILES - 1);
        Layout layout = new Layout(spark, warehouse, running, succeeded, parity, chain);
        layout.write(0, n - tail);
        CompactControlPlane.on(spark, warehouse).minFiles(2).execute();
        layout.write(n - tail, n);
        System.err.printf("%d executions written in %.0f s%n", n, (System.nanoTime() - started) / 1e9);
        governance(ControlPlane.open(root.toString(), spark.sparkContext().hadoopConfiguration(),
                java.time.Clock.systemUTC()), n);
        Files.writeString(root.resolve("bench-ids.txt"), "approve=" + id(n - 4) + "\npromote=" + id(n - 8)
                + "\nshow=" + id(n / 2) + "\n");
        System.out.printf("wrote %d executions to %s in %.0f s%n", n, root, (System.nanoTime() - started) / 1e9);
        spark.stop();
    }

    /** Writes executions [from, to) one file per execution and table, in a few commits (a replay makes one per table). */
    private record Layout(SparkSession spark, Warehouse warehouse, List<Row> running, List<Row> succeeded,
            List<Row> parity, AuditChain chain) {

        void write(int from, int to) {
            if (from == to) {
                return;
            }
            String executions = warehouse.tablePath(Table.EXECUTIONS);
            String range = "execution_id >= '" + id(from) + "' AND execution_id < '" + id(to) + "'";
            oneFileEach(spark.createDataFrame(running.subList(from, to), Table.EXECUTIONS.schema()), to - from)
                    .write().format("delta").mode("append").save(executions);
            // The running rows replaced by the succeeded ones: the tombstones a replay's replaceWhere leaves.
            oneFileEach(spark.createDataFrame(succeeded.subList(from, to), Table.EXECUTIONS.schema()), to - from)
                    .write().format("delta").mode("overwrite").option("replaceWhere", range).save(executions);
            oneFileEach(spark.createDataFrame(parity.subList(from, to), Table.PARITY_REPORT.schema()), to - from)
                    .write().format("delta").mode("append").save(warehouse.tablePath(Table.PARITY_REPORT));
            chain.write(spark, warehouse.tablePath(Table.AUDIT_LOG), 2 * from, 2 * to);
        }
    }

    /** Approvals by two people for the newest enforced executions, and promotions of some. */
    private static void governance(ControlPlane plane, int n) {
        for (int i = Math.max(0, n - 40); i < n; i++) {
            if (enforced(i) && i % 10 != 9) {
                Approve.on(plane).execution(id(i)).by("bob").execute();
                Approve.on(plane).execution(id(i)).by("carol").execute();
                if (i % 8 == 0 && i != n - 4) {
                    Promote.on(plane).execution(id(i)).by("bob").execute();
                }
            }
        }
    }

    private static Dataset<Row> oneFileEach(Dataset<Row> rows, int n) {
        return rows.repartitionByRange(n, col("execution_id"));
    }

    /**
     * The execution_started and execution_finished entries of N replays, chained as the job
     * chains them ({@link AuditEntry#expectedHash}), written with Spark as one file per entry
     * in one commit: the files and statistics Kernel's appends leave, without N thousand
     * commits to generate. The first Kernel append afterwards (an approval) adds the transaction
     * identifier that later appends find the head by.
     */
    private static final class AuditChain {
        private final List<Row> rows = new ArrayList<>();
        private String prev = AuditEntry.GENESIS;

        void add(ExecutionRecord r, String action, Instant at, String details) {
            ExecutionRecord.Lineage l = r.lineage();
            Instant millis = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            AuditEntry unsealed = new AuditEntry(rows.size() + 1, millis, l.triggeredBy(), action, l.executionId(),
                    l.policyId(), l.policyVersion(), l.policySha256(), l.scope(), details, prev, null);
            String hash = unsealed.expectedHash();
            rows.add(RowFactory.create(unsealed.seq(), java.sql.Timestamp.from(millis), unsealed.actor(), action,
                    unsealed.executionId(), unsealed.policyId(), unsealed.policyVersion(), unsealed.policySha256(),
                    unsealed.scope(), details, prev, hash));
            prev = hash;
        }

        /** Appends entries [from, to) one file each, creating the table first. */
        void write(SparkSession spark, String path, int from, int to) {
            StructType schema = Table.AUDIT_LOG.schema();
            spark.sql("CREATE TABLE IF NOT EXISTS delta.`" + path + "` (" + schema.toDDL() + ") USING delta "
                    + "TBLPROPERTIES ('delta.dataSkippingNumIndexedCols' = '12')");
            spark.createDataFrame(rows.subList(from, to), schema).repartitionByRange(to - from, col("seq"))
                    .write().format("delta").mode("append").save(path);
        }
    }

    static String id(int i) {
        return String.format("bench-%05d", i);
    }

    static boolean enforced(int i) {
        return i % 4 == 0;
    }

    private static ExecutionRecord.Lineage lineage(String id, int i, Policy policy) {
        Instant start = FIRST.plusSeconds(3600L * i);
        return new ExecutionRecord.Lineage(id, enforced(i) ? "enforced" : "dry-run", policy.id(), policy.version(),
                policy.sha256(), policy.source().toString(), policy.text(), "nezha-tt-2023-01-29",
                "/captures/nezha-tt-2023-01-29", "parquet", null, "production", "region=cn-east",
                start.minusSeconds(600), start.minusSeconds(360), "alice", "nightly", start, "bench", "3.5.8", "3.3.2",
                "local[2]", null, null);
    }

    /** A parity_report row in the job's schema: 13 vs 10 incidents, 2 pages added, gates passed or not. */
    private static Row parity(String id, boolean passed) {
        List<Row> gates = List.of(RowFactory.create("max_missing_critical", 0.0, 0.0, true, null),
                RowFactory.create("max_new_incidents", 0.0, passed ? 0.0 : 2.0, passed, null),
                RowFactory.create("max_newly_suppressed", 400.0, 301.0, true, null));
        return RowFactory.create(id, 13L, 10L, 5L, 4L, 0L, 1L, 2L, 0L, 0L, 5.0 / 13, 0.9775, 0.1539, 0.266, 1.0, 0.7308,
                0L, 4L, Map.of("invalid_ts", 1L), 0L, 1L, "medium", List.of("baseline conflicts"), gates, passed,
                2L, 1L, 30.0, "region=cn-east", 1122L, 65L, passed ? 0L : 2L, 301L, 0L);
    }
}
