package io.traceflux.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.Cli;
import io.traceflux.testkit.Launcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends to one audit log from two processes at the same moment (SPEC 6.4): every append lands,
 * one after the other, in a single chain. Each process first loads Kernel and reads the log,
 * then waits for a common wall-clock instant, so the appends really race.
 */
class ConcurrentAppendTest extends SparkTestBase {

    @TempDir
    static Path dir;

    static Path warehouse;

    @BeforeAll
    static void execution() {
        warehouse = GovernanceFixture.enforcedWarehouse(spark, dir);
    }

    static String startAt() {
        return String.valueOf(System.currentTimeMillis() + 2_500);
    }

    static long lostRaces(String out) {
        Matcher m = Pattern.compile("lost_races (\\d+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void twoProcessesAppendingExecutionStartsLeaveOneChainWithAllOfThem() {
        String at = startAt();
        Launcher.Started a = Launcher.java(RaceMain.class.getName(), "starts", warehouse.toString(), at, "a", "8");
        Launcher.Started b = Launcher.java(RaceMain.class.getName(), "starts", warehouse.toString(), at, "b", "8");
        Cli.Result ra = Launcher.finish(a);
        Cli.Result rb = Launcher.finish(b);
        assertThat(ra.exit()).as(ra.err()).isZero();
        assertThat(rb.exit()).as(rb.err()).isZero();
        assertThat(lostRaces(ra.out()) + lostRaces(rb.out())).as("appends that had to be redone").isPositive();

        ControlPlane plane = ControlPlane.open(warehouse.toString());
        List<AuditEntry> starts = plane.auditLog().entriesWith(AuditEvent.Action.EXECUTION_STARTED);
        assertThat(starts).extracting(AuditEntry::executionId).filteredOn(id -> id.matches("[ab]-\\d+")).hasSize(16);
        AuditVerification v = plane.auditLog().verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
        assertThat(plane.auditLog().entries()).extracting(AuditEntry::seq).doesNotHaveDuplicates();
    }

    @Test
    void approvalsFromTwoProcessesAtOnceAllLand() {
        String at = startAt();
        Launcher.Started a = Launcher.java(RaceMain.class.getName(), "approve", warehouse.toString(), at, "enf-1",
                "a1", "a2", "a3");
        Launcher.Started b = Launcher.java(RaceMain.class.getName(), "approve", warehouse.toString(), at, "enf-1",
                "b1", "b2", "b3");
        Cli.Result ra = Launcher.finish(a);
        Cli.Result rb = Launcher.finish(b);
        assertThat(ra.out()).as(ra.err()).contains("approved a1", "approved a3").doesNotContain("refused");
        assertThat(rb.out()).as(rb.err()).contains("approved b1", "approved b3").doesNotContain("refused");

        Launcher.Started bob = Launcher.traceflux(Map.of(), "approve", "--execution", "enf-1", "--by", "bob",
                "--warehouse", warehouse.toString());
        Launcher.Started carol = Launcher.traceflux(Map.of(), "approve", "--execution", "enf-1", "--by", "carol",
                "--warehouse", warehouse.toString());
        Cli.Result rbob = Launcher.finish(bob);
        Cli.Result rcarol = Launcher.finish(carol);
        assertThat(rbob.exit()).as(rbob.err()).isZero();
        assertThat(rcarol.exit()).as(rcarol.err()).isZero();

        ControlPlane plane = ControlPlane.open(warehouse.toString());
        List<String> approvers = List.of("a1", "a2", "a3", "b1", "b2", "b3", "bob", "carol");
        assertThat(plane.approvals("enf-1")).extracting(Approval::approver).containsAll(approvers);
        assertThat(spark.read().format("delta").load(warehouse.resolve("approvals").toString())
                .filter("execution_id = 'enf-1'").select("approver").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()).containsAll(approvers).doesNotHaveDuplicates();
        AuditVerification v = plane.auditLog().verify();
        assertThat(v.intact()).as(v.reason()).isTrue();
    }

    /** Three more JVMs: under {@code -Dtraceflux.soak=true} only, to keep the default test run lean. */
    @Test
    @EnabledIfSystemProperty(named = "traceflux.soak", matches = "true")
    void onePersonApprovingFromTwoProcessesAtOnceIsRecordedOnce() {
        String at = startAt();
        Launcher.Started a = Launcher.java(RaceMain.class.getName(), "approve", warehouse.toString(), at, "enf-1", "dave");
        Launcher.Started b = Launcher.java(RaceMain.class.getName(), "approve", warehouse.toString(), at, "enf-1", "dave");
        String out = Launcher.finish(a).out() + Launcher.finish(b).out();
        assertThat(out).containsOnlyOnce("approved dave").containsOnlyOnce("refused dave: dave already approved");
        ControlPlane plane = ControlPlane.open(warehouse.toString());
        assertThat(plane.approvals("enf-1")).filteredOn(x -> x.approver().equals("dave")).hasSize(1);
        assertThat(plane.auditLog().verify().intact()).isTrue();
    }
}
