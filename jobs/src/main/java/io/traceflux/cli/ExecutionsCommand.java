package io.traceflux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.ExitCode;
import io.traceflux.InvalidInputException;
import io.traceflux.capture.TimestampText;
import io.traceflux.governance.Approval;
import io.traceflux.governance.AuditEntry;
import io.traceflux.governance.GovernanceJson;
import io.traceflux.governance.ParityHeadline;
import io.traceflux.governance.Promotion;
import io.traceflux.governance.RunHistory;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code traceflux executions list|show ID}: the run history, newest first, without Spark. */
@Command(name = "executions", mixinStandardHelpOptions = true,
        description = "The run history: executions with their parity, gates, approvals and promotion (no Spark).",
        subcommands = {ExecutionsCommand.ListCmd.class, ExecutionsCommand.Show.class},
        footer = {"", "Examples:", "  traceflux executions list --limit 20",
            "  traceflux executions show exec-20261125-083412-3f9a1c"})
final class ExecutionsCommand {

    static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List executions, newest first.",
            footer = {"", "Examples:", "  traceflux executions list --warehouse ./warehouse --limit 20",
                "  traceflux executions list --policy tt-checkout --status succeeded --since 2026-11-01T00:00:00Z --json"})
    static final class ListCmd implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        WarehouseOption warehouse;

        @Option(names = "--policy", paramLabel = "ID|ID@vN", description = "Only executions of this policy (or version).")
        String policy;

        @Option(names = "--status", paramLabel = "STATUS", description = "Only running, interrupted (running, its driver gone), succeeded, failed or refused ones.")
        String status;

        @Option(names = "--since", paramLabel = "TS", description = "Only executions started at or after TS (UTC).")
        String since;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many rows (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON array instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (limit < 1) {
                throw new InvalidInputException("--limit: must be 1 or more, got " + limit);
            }
            Instant from = since == null ? null : TimestampText.parse(since).orElseThrow(() -> new InvalidInputException(
                    "--since: '" + since + "' is not a timestamp like 2026-11-20T10:03:07Z"));
            List<RunHistory.Listed> rows = new RunHistory(warehouse.controlPlane())
                    .list(new RunHistory.Query(policy, status, from, limit));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode array = JSON.createArrayNode();
                rows.forEach(r -> array.add(json(r)));
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } else {
                table(rows, out);
            }
            out.flush();
            return ExitCode.OK;
        }

        private static void table(List<RunHistory.Listed> rows, PrintWriter out) {
            String format = "%-34s %-11s %7s %-8s %-19s %-18s %-14s %-10s %-9s %-8s %-16s %s%n";
            out.printf(format, "execution_id", "status", "attempt", "mode", "started_at (UTC)", "policy", "scope",
                    "triggered", "promotion", "parity", "gates", "approvals");
            for (RunHistory.Listed r : rows) {
                out.printf(format, r.execution().id(), r.execution().state(), r.execution().attempt(),
                        r.execution().mode(),
                        time(r.execution().startedAt()), r.execution().policyRef(), r.execution().scope(),
                        r.execution().triggeredBy(), r.promotion(),
                        r.parity().map(p -> number(p.incidentParity())).orElse("-"),
                        r.parity().map(ParityHeadline::gatesText).orElse("-"), approvals(r.approvals()));
            }
        }

        private static ObjectNode json(RunHistory.Listed r) {
            ObjectNode n = GovernanceJson.execution(r.execution());
            n.put("state", r.execution().state());
            n.put("promotion", r.promotion());
            n.set("parity", r.parity().<com.fasterxml.jackson.databind.JsonNode>map(GovernanceJson::parity)
                    .orElse(JSON.nullNode()));
            ArrayNode approvals = n.putArray("approvals");
            r.approvals().forEach(a -> approvals.add(GovernanceJson.approval(a)));
            return n;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Everything recorded about one execution: inputs, counts, parity, gates, approvals, "
                    + "promotions, audit entries and the bundle.",
            footer = {"", "Example:", "  traceflux executions show exec-20261125-083412-3f9a1c"})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        WarehouseOption warehouse;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--json", description = "One JSON object instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            RunHistory.Shown shown = new RunHistory(warehouse.controlPlane()).show(id);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode n = JSON.createObjectNode();
                n.set("execution", GovernanceJson.execution(shown.execution()).put("state", shown.execution().state()));
                n.set("parity", shown.parity().<com.fasterxml.jackson.databind.JsonNode>map(GovernanceJson::parity)
                        .orElse(JSON.nullNode()));
                n.setAll(GovernanceJson.record(shown.governance()));
                n.remove("execution_id");
                n.put("bundle", shown.bundlePath());
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
            } else {
                text(shown, out);
            }
            out.flush();
            return ExitCode.OK;
        }

        private static void text(RunHistory.Shown s, PrintWriter out) {
            out.println("execution " + s.execution().id());
            if (!s.execution().state().equals(s.execution().status())) {
                out.printf("  %-20s %s%n", "state", s.execution().state() + " (its driver process is gone)");
            }
            for (Map.Entry<String, Object> c : s.execution().columns().entrySet()) {
                if (c.getKey().equals("previous_attempts")) {
                    previousAttempts(c.getValue(), out);
                    continue;
                }
                Object v = c.getValue();
                String value = c.getKey().equals("policy_text") && v != null
                        ? "(" + v.toString().lines().count() + " lines; the bundle's policy/ folder has the file)"
                        : v instanceof Instant i ? time(i) : String.valueOf(v);
                out.printf("  %-20s %s%n", c.getKey(), value);
            }
            out.println("parity");
            s.parity().ifPresentOrElse(p -> {
                out.println("  " + p.text());
                out.println("  gates: " + p.gatesText());
                p.gates().forEach(g -> out.printf("    %-24s threshold %-10s actual %-10s %s%n", g.name(),
                        number(g.threshold()), number(g.actual()), Boolean.TRUE.equals(g.passed()) ? "passed" : "FAILED"));
            }, () -> out.println("  none (no baseline, or the run did not finish)"));
            out.println("approvals");
            if (s.governance().approvals().isEmpty()) {
                out.println("  none");
            }
            for (Approval a : s.governance().approvals()) {
                out.printf("  %-8s by %-16s at %s  scope %s%s%n", a.decision(), a.approver(), time(a.at()), a.scope(),
                        a.comment() == null ? "" : "  \"" + a.comment() + "\"");
            }
            out.println("promotions");
            if (s.governance().promotions().isEmpty()) {
                out.println("  none");
            }
            for (Promotion p : s.governance().promotions()) {
                out.printf("  %s %s to %s by %s at %s%s%n", p.promotionId(), p.ref(), p.scope(), p.promotedBy(),
                        time(p.promotedAt()), p.supersedes().isEmpty() ? "" : "  supersedes " + p.supersedes());
            }
            out.println("audit entries");
            for (AuditEntry e : s.governance().auditEntries()) {
                out.printf("  seq %-6d %s  %-18s by %-16s hash %s  %s%n", e.seq(), time(e.at()), e.action(), e.actor(),
                        e.hash().substring(0, 12), e.details());
            }
            out.println("bundle  " + s.bundlePath() + "  (zip: " + s.bundlePath() + ".zip)");
        }
    }

    /** The earlier attempts of the execution id, one line each, as the next attempt found them. */
    private static void previousAttempts(Object value, PrintWriter out) {
        List<?> attempts = value instanceof List<?> l ? l : List.of();
        out.printf("  %-20s %s%n", "previous_attempts", attempts.isEmpty() ? "none" : attempts.size());
        for (Object o : attempts) {
            Map<?, ?> a = (Map<?, ?>) o;
            out.printf("    attempt %s %-11s started %s finished %s%s%n", a.get("attempt"), a.get("status"),
                    time((Instant) a.get("started_at")), time((Instant) a.get("finished_at")),
                    a.get("error") == null ? "" : "  error: " + a.get("error"));
        }
    }

    static String time(Instant i) {
        return i == null ? "-" : i.toString().replaceFirst("\\.\\d+Z$", "Z").replace('T', ' ').replace("Z", "");
    }

    static String number(Double d) {
        return d == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", d);
    }

    private static String approvals(List<Approval> approvals) {
        if (approvals.isEmpty()) {
            return "-";
        }
        return String.join(",", approvals.stream().map(a -> (a.approved() ? "" : "rejected:") + a.approver()).toList());
    }
}
