package io.traceflux.governance;

import io.traceflux.execution.DriverProcess;
import io.traceflux.execution.ExecutionRecord;
import java.time.Instant;
import java.util.List;

/**
 * One side of a race between two processes ({@link ConcurrentAppendTest}): loads Kernel and the
 * audit log, waits for a wall-clock instant both sides were given, then appends through the
 * production code paths and prints what it did and how many races it lost.
 *
 * <pre>
 * RaceMain starts  WAREHOUSE START_AT_MILLIS PREFIX COUNT     execution_started entries
 * RaceMain approve WAREHOUSE START_AT_MILLIS EXECUTION NAME... one approval per name
 * </pre>
 */
public final class RaceMain {

    private RaceMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ControlPlane plane = ControlPlane.open(args[1]);
        plane.auditLog().head();
        Thread.sleep(Math.max(0, Long.parseLong(args[2]) - System.currentTimeMillis()));
        if (args[0].equals("starts")) {
            ExecutionAudit audit = new ExecutionAudit(plane.auditLog());
            for (int i = 1; i <= Integer.parseInt(args[4]); i++) {
                AuditEntry e = audit.started(ExecutionRecord.running(lineage(args[3] + "-" + i),
                        new ExecutionRecord.Attempt(1, List.of(), DriverProcess.current())));
                System.out.println("started " + e.executionId() + " seq " + e.seq());
            }
        } else {
            for (String name : List.of(args).subList(4, args.length)) {
                try {
                    Approval a = Approve.on(plane).execution(args[3]).by(name).execute();
                    System.out.println("approved " + name + " seq " + a.auditSeq());
                } catch (GovernanceRefusal r) {
                    System.out.println("refused " + name + ": " + r.getMessage());
                }
            }
        }
        System.out.println("lost_races " + plane.auditLog().lostRaces());
    }

    static ExecutionRecord.Lineage lineage(String executionId) {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        return new ExecutionRecord.Lineage(executionId, "enforced", "edge", 1, "ab".repeat(32), "/p/edge/v1.yaml",
                "policy: edge", "cap-1", "/captures/cap-1", "parquet", null, "production", "*", t, t.plusSeconds(600),
                "alice", "race test", t, "test", "3.5.8", "3.3.2", "local[2]", null, null);
    }
}
