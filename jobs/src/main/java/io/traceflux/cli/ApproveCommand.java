package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.governance.Approval;
import io.traceflux.governance.Approve;
import io.traceflux.governance.Identity;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code traceflux approve}: approve or reject an execution (SPEC 6.2), without Spark. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Record an approval (or, with --reject, a rejection) of an execution in approvals and audit_log.",
            "Refused (exit 4, naming the reason) when the execution did not succeed, has no baseline, failed a gate",
            "(approvals only), was triggered by the approver, was already decided on by the approver, when its policy",
            "file no longer has the recorded hash, or when --scope is wider than the execution's. Unknown id: exit 2."},
        footer = {"", "Examples:", "  traceflux approve --execution exec-20261125-083412-3f9a1c --by bob --comment 'diffs reviewed'",
            "  traceflux approve --execution exec-20261125-083412-3f9a1c --by carol --scope 'region=cn-east'",
            "  traceflux approve --execution exec-20261125-083412-3f9a1c --by dave --reject --comment 'pages lost'"})
final class ApproveCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution to decide on.")
    String execution;

    @Option(names = "--by", paramLabel = "NAME",
            description = "Who decides. Default: $" + Identity.ENV + ", else the OS user.")
    String by;

    @Option(names = "--reject", description = "Record a rejection instead of an approval.")
    boolean reject;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Why, free text.")
    String comment;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "Approve only part of the execution's scope, e.g. 'region=cn-east'. Default: the execution's scope.")
    String scope;

    @Mixin
    WarehouseOption warehouse;

    @Override
    public Integer call() {
        Approval a = Approve.on(warehouse.controlPlane()).execution(execution).by(Identity.resolve(by, "--by"))
                .reject(reject).comment(comment).scope(scope).execute();
        PrintWriter out = spec.commandLine().getOut();
        out.println(a.decision() + " execution " + a.executionId() + " by " + a.approver() + " in scope " + a.scope()
                + " (audit seq " + a.auditSeq() + ")");
        out.flush();
        return ExitCode.OK;
    }
}
