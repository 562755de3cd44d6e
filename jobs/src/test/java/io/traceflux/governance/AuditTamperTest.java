package io.traceflux.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.traceflux.ExitCode;
import io.traceflux.SparkTestBase;
import io.traceflux.testkit.Cli;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker with write access to the warehouse rewrites {@code audit_log} with Spark, as any
 * Delta client can: {@code traceflux audit verify} exits 5 naming the first seq that breaks.
 */
class AuditTamperTest extends SparkTestBase {

    @TempDir
    Path dir;

    /** A warehouse whose audit log holds six entries appended the normal way (Kernel, hash-chained). */
    String warehouseWithSixEntries() {
        String root = dir.resolve("wh").toString();
        AuditLog log = ControlPlane.open(root).auditLog();
        for (String actor : new String[] {"alice", "alice", "bob", "carol", "bob", "dave"}) {
            log.append(AuditVerificationTest.event(actor, "approved"));
        }
        return root;
    }

    static Cli.Result verify(String warehouse) {
        return Cli.run("audit", "verify", "--warehouse", warehouse);
    }

    Dataset<Row> log(String warehouse) {
        return spark.read().format("delta").load(warehouse + "/audit_log");
    }

    /** Replaces the whole table with {@code rows}, as a Spark job with file access can. */
    void overwrite(String warehouse, Dataset<Row> rows) {
        rows.localCheckpoint().write().format("delta").mode("overwrite").save(warehouse + "/audit_log");
    }

    @Test
    void theIntactLogVerifies() {
        String wh = warehouseWithSixEntries();
        Cli.Result v = verify(wh);
        assertThat(v.exit()).as(v.err()).isZero();
        assertThat(v.out()).contains(": 6 entries checked, chain intact; head hash "
                + ControlPlane.open(wh).auditLog().head().hash());
    }

    @Test
    void anEditedEntryIsReportedAtItsSeq() {
        String wh = warehouseWithSixEntries();
        overwrite(wh, log(wh).withColumn("actor", when(col("seq").equalTo(4), lit("mallory")).otherwise(col("actor"))));
        Cli.Result v = verify(wh);
        assertThat(v.exit()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        assertThat(v.err()).contains("the chain breaks at seq 4: its hash does not match its content: the entry was edited",
                "(3 entries before it are intact)");
    }

    @Test
    void aDeletedEntryIsReportedAtItsSeq() {
        String wh = warehouseWithSixEntries();
        DeltaTable.forPath(spark, wh + "/audit_log").delete("seq = 3");
        Cli.Result v = verify(wh);
        assertThat(v.exit()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        assertThat(v.err()).contains("the chain breaks at seq 3: seq 3 is missing");
    }

    @Test
    void anInsertedEntryIsReportedAtItsSeq() {
        String wh = warehouseWithSixEntries();
        Dataset<Row> forged = log(wh).filter("seq = 5").withColumn("actor", lit("mallory"));
        forged.localCheckpoint().write().format("delta").mode("append").save(wh + "/audit_log");
        Cli.Result v = verify(wh);
        assertThat(v.exit()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        assertThat(v.err()).contains("the chain breaks at seq 5: seq 5 appears 2 times: an entry was inserted");
    }

    @Test
    void reorderedEntriesAreReportedAtTheFirst() {
        String wh = warehouseWithSixEntries();
        overwrite(wh, log(wh).withColumn("seq", when(col("seq").equalTo(2), lit(3L))
                .when(col("seq").equalTo(3), lit(2L)).otherwise(col("seq"))));
        Cli.Result v = verify(wh);
        assertThat(v.exit()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        assertThat(v.err()).contains("the chain breaks at seq 2: it holds the entry written as seq 3");
    }
}
