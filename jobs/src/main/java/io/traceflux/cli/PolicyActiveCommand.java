package io.traceflux.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.ExitCode;
import io.traceflux.capture.Scope;
import io.traceflux.governance.ActivePolicies;
import io.traceflux.governance.GovernanceJson;
import io.traceflux.governance.Promotion;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code traceflux policy active}: which promoted version is active where (SPEC 6.3). */
@Command(name = "active", mixinStandardHelpOptions = true,
        description = {"Which policy version is active where, from the promotions: each promotion is active in its",
            "scope except where a newer promotion of the same policy overlaps it. With --scope, only what is",
            "active somewhere in that scope, newest first, down to the first promotion that covers all of it."},
        footer = {"", "Examples:", "  traceflux policy active",
            "  traceflux policy active --policy tt-checkout --scope 'region=cn-east' --json"})
final class PolicyActiveCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--policy", paramLabel = "ID", description = "Only this policy.")
    String policy;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Only what is active somewhere in this scope.")
    String scope;

    @Option(names = "--json", description = "One JSON array instead of a table.")
    boolean json;

    @Mixin
    WarehouseOption warehouse;

    @Override
    public Integer call() throws Exception {
        Scope query = scope == null ? null : Scope.parse(scope);
        Map<String, List<ActivePolicies.Active>> active =
                ActivePolicies.of(warehouse.controlPlane().promotions(), policy, query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode array = ExecutionsCommand.JSON.createArrayNode();
            active.values().forEach(list -> list.forEach(a -> array.add(json(a, query != null))));
            out.println(ExecutionsCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else if (active.isEmpty()) {
            out.println("no promoted policy" + (policy == null ? "" : " " + policy) + (scope == null ? "" : " in scope " + scope));
        } else {
            String format = "%-24s %-28s %-30s %-19s %-14s %-34s %s%n";
            out.printf(format, "policy", "active in scope", "except where", "promoted_at (UTC)", "promoted_by",
                    "execution", "promotion_id");
            active.values().forEach(list -> list.forEach(a -> out.printf(format, a.promotion().ref(), a.promotion().scope()
                    + (query != null && !a.covers() ? " (part of the asked scope)" : ""), except(a),
                    ExecutionsCommand.time(a.promotion().promotedAt()), a.promotion().promotedBy(),
                    a.promotion().executionId(), a.promotion().promotionId())));
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String except(ActivePolicies.Active a) {
        return a.exceptIn().isEmpty() ? "-" : String.join("; ",
                a.exceptIn().stream().map(n -> n.scope() + " (v" + n.policyVersion() + ")").toList());
    }

    private static ObjectNode json(ActivePolicies.Active a, boolean scoped) {
        ObjectNode n = GovernanceJson.promotion(a.promotion());
        ArrayNode except = n.putArray("except_where");
        for (Promotion p : a.exceptIn()) {
            except.addObject().put("scope", p.scope()).put("policy_version", p.policyVersion())
                    .put("promotion_id", p.promotionId());
        }
        if (scoped) {
            n.put("covers_asked_scope", a.covers());
        }
        return n;
    }
}
