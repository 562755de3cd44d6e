package io.traceflux.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.Cli;
import io.traceflux.testkit.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code traceflux approve} killed with SIGKILL the moment its audit entry is committed, before
 * it writes the approvals row that mirrors the entry: the decision stands (the audit log is
 * the record, and promotion counts approvals from it), the chain is intact, and the next
 * governance command writes the missing row, once.
 */
class GovernanceCrashTest extends SparkTestBase {

    private static final long KILL_DEADLINE_MS = 120_000;

    @TempDir
    static Path dir;

    static Path warehouse;

    @BeforeAll
    static void enforcedExecution() {
        warehouse = GovernanceFixture.enforcedWarehouse(spark, dir);
    }

    /** The commit files of a Delta log (temporary files and checkpoints left out). */
    static Set<String> commits(Path log) throws IOException {
        if (!Files.isDirectory(log)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
                    .collect(Collectors.toSet());
        }
    }

    /** Approvers in the approvals table (its rows, not the audit log's decisions). */
    static List<String> approvalRows() {
        if (!Files.isDirectory(warehouse.resolve("approvals/_delta_log"))) {
            return List.of();
        }
        return spark.read().format("delta").load(warehouse.resolve("approvals").toString())
                .filter("execution_id = 'enf-1'").select("approver").as(Encoders.STRING()).collectAsList();
    }

    @Test
    void approveKilledBetweenItsAuditEntryAndItsRowLosesNothing() throws Exception {
        Path log = warehouse.resolve("audit_log/_delta_log");
        Set<String> before = commits(log);
        Launcher.Started bob = Launcher.traceflux(Map.of(), "approve", "--execution", "enf-1", "--by", "bob",
                "--warehouse", warehouse.toString());
        long deadline = System.currentTimeMillis() + KILL_DEADLINE_MS;
        while (commits(log).equals(before)) {
            if (!bob.process().isAlive() || System.currentTimeMillis() > deadline) {
                fail("approve ended before its audit entry was seen: " + Files.readString(bob.err()));
            }
            Thread.sleep(2);
        }
        bob.process().destroyForcibly().waitFor();

        ControlPlane plane = ControlPlane.open(warehouse.toString());
        assertThat(plane.approvals("enf-1")).extracting(Approval::approver).containsExactly("bob");
        assertThat(approvalRows()).as("the kill landed between the audit entry and its row").isEmpty();

        Cli.Result carol = Launcher.run("approve", "--execution", "enf-1", "--by", "carol", "--warehouse",
                warehouse.toString());
        assertThat(carol.exit()).as(carol.err()).isZero();
        assertThat(approvalRows()).containsExactlyInAnyOrder("bob", "carol");
        ControlPlane after = ControlPlane.open(warehouse.toString());
        assertThat(after.approvals("enf-1")).extracting(Approval::approver).containsExactlyInAnyOrder("bob", "carol");
        AuditVerification v = after.auditLog().verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
    }
}
