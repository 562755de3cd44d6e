package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.governance.AuditLog;
import io.traceflux.governance.AuditVerification;
import io.traceflux.governance.ControlPlane;
import io.traceflux.governance.GovernanceTables;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code traceflux audit verify}: recompute the audit log's hash chain (SPEC 6.4). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The hash-chained audit log.",
        subcommands = {AuditCommand.Verify.class},
        footer = {"", "Example:", "  traceflux audit verify --warehouse ./warehouse"})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute the chain of audit_log: seq 1, 2, ... without gaps, each hash over its entry,",
                "each prev_hash the previous hash. Prints the entries checked and the head hash (keep it: a",
                "rewrite of the whole chain shows only against a head recorded elsewhere). Exit 5 naming the",
                "first broken seq and why when an entry was edited, deleted, inserted or reordered."},
            footer = {"", "Example:", "  traceflux audit verify --warehouse ./warehouse"})
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        WarehouseOption warehouse;

        @Override
        public Integer call() {
            ControlPlane plane = warehouse.controlPlane();
            AuditLog log = plane.auditLog();
            AuditVerification v = log.verify();
            String table = plane.tablePath(GovernanceTables.AUDIT_LOG);
            if (v.intact()) {
                spec.commandLine().getOut().println("audit_log " + table + ": " + v.checked()
                        + " entries checked, chain intact; head hash " + v.headHash());
                spec.commandLine().getOut().flush();
                return ExitCode.OK;
            }
            spec.commandLine().getErr().println("traceflux: audit verify: " + table + ": the chain breaks at seq "
                    + v.brokenSeq() + ": " + v.reason() + " (" + v.checked() + " entries before it are intact)");
            spec.commandLine().getErr().flush();
            return ExitCode.VERIFICATION_FAILED;
        }
    }
}
