package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.governance.Identity;
import io.traceflux.governance.Promote;
import io.traceflux.governance.Promotion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code traceflux promote}: make an enforced execution's policy version active in a scope (SPEC 6.3). */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Promote the policy version of a succeeded --mode enforced execution to a scope. Checks, in order:",
            "1 execution (exists, succeeded, enforced), 2 gates (has a baseline, every gate passed),",
            "3 approvals (required_approvals by others than the trigger, no rejection), 4 scope (within the",
            "execution's, every approval's and one promotable_scope), 5 policy hash (the file is unchanged).",
            "Refused with exit 4 naming the first check that fails; otherwise appends a promotions row that",
            "supersedes older promotions of the policy where the scopes overlap."},
        footer = {"", "Examples:", "  traceflux promote --execution exec-20261125-083412-3f9a1c --by bob",
            "  traceflux promote --execution exec-20261125-083412-3f9a1c --by bob --scope 'region=cn-east'"})
final class PromoteCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--execution", required = true, paramLabel = "ID", description = "The enforced execution to promote.")
    String execution;

    @Option(names = "--by", paramLabel = "NAME",
            description = "Who promotes. Default: $" + Identity.ENV + ", else the OS user.")
    String by;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Where it becomes active. Default: the execution's scope.")
    String scope;

    @Mixin
    WarehouseOption warehouse;

    @Override
    public Integer call() {
        Promotion p = Promote.on(warehouse.controlPlane()).execution(execution).by(Identity.resolve(by, "--by"))
                .scope(scope).execute();
        PrintWriter out = spec.commandLine().getOut();
        out.println("promoted " + p.ref() + " (sha256 " + p.policySha256() + ") to scope " + p.scope() + " as "
                + p.promotionId() + " by " + p.promotedBy() + " from execution " + p.executionId()
                + (p.supersedes().isEmpty() ? "" : "; supersedes " + String.join(", ", p.supersedes()) + " where the scopes overlap"));
        out.flush();
        return ExitCode.OK;
    }
}
