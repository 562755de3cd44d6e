package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.traceflux.ExitCode;
import io.traceflux.SparkTestBase;
import io.traceflux.governance.ActivePolicies;
import io.traceflux.governance.AuditEntry;
import io.traceflux.governance.AuditEvent;
import io.traceflux.governance.ControlPlane;
import io.traceflux.governance.ExecutionRow;
import io.traceflux.governance.Promotion;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Cli;
import io.traceflux.testkit.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 6 end to end on real Delta tables, in the order a team lives it. The main path (alice's
 * enforced replay, bob's approval and promotion, {@code policy active}, the run history and
 * {@code audit verify}) goes through {@code bin/traceflux} as separate processes; the other
 * replays and the refusals run in this JVM through the same {@code Main}, to keep the suite short.
 *
 * <p>The capture: a, b, d in eu-west/fra1 and x, y in eu-west/ams2 (c is info and dropped);
 * production formed {a, b, d} and {x, y}. edge@v1 groups by region and pop: both EXACT. edge@v2
 * groups everything: one incident, MERGED, no gate fails. edge@v3 is v2 with a parity gate that
 * fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GovernanceScenarioTest extends SparkTestBase {

    static final String V1 = ReplayCommandTest.POLICY + """
            governance:
              required_approvals: 1
              gates: {min_incident_parity: 0.9, max_missing_critical: 0}
              promotable_scopes: ["region=eu-west"]
            """;
    static final String V2 = BaselineReplayTest.V2 + """
            governance:
              required_approvals: 1
              gates: {max_missing_critical: 0}
              promotable_scopes: ["region=eu-west"]
            """;
    static final String V3 = V2.replace("version: 2", "version: 3")
            .replace("gates: {max_missing_critical: 0}", "gates: {min_incident_parity: 0.9}");

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path capture;
    static Path policies;
    static String warehouse;

    @BeforeAll
    static void captureWithProductionBaseline() {
        capture = CaptureFixture.parquet(dir.resolve("cap"), "cap-g", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                ReplayCommandTest.edgeSignals()
                        .add("x", seconds(300), s -> s.host("h4").pop("ams2"))
                        .add("y", seconds(330), s -> s.host("h5").pop("ams2"))
                        .build(spark));
        CaptureFixture.production(spark, capture, "2026-11-20T10:00:00Z",
                List.of(new String[] {"P1", "critical", "fra1"}, new String[] {"P2", "critical", "ams2"}),
                List.of(new String[] {"P1", "a"}, new String[] {"P1", "b"}, new String[] {"P1", "d"},
                        new String[] {"P2", "x"}, new String[] {"P2", "y"}));
        policies = CaptureFixture.policy(dir, "edge", 1, V1);
        CaptureFixture.policy(dir, "edge", 2, V2);
        CaptureFixture.policy(dir, "edge", 3, V3);
        warehouse = dir.resolve("wh").toString();
    }

    @AfterAll
    static void restoreTestSession() {
        // Sessions.forJob applies the job's defaults to the shared test session.
        spark.conf().set("spark.sql.shuffle.partitions", "2");
    }

    static String[] replayArgs(String id, String policy, String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "--capture", capture.toString(), "--policy", policy,
                "--policies", policies.toString(), "--warehouse", warehouse, "--execution-id", id,
                "--scope", "region=eu-west"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** A governance command line with the warehouse, run in this JVM. */
    static Cli.Result cli(String... args) {
        return Cli.run(withWarehouse(args));
    }

    /** The same through bin/traceflux in its own process. */
    static Cli.Result launcher(String... args) {
        return Launcher.run(withWarehouse(args));
    }

    static String[] withWarehouse(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--warehouse", warehouse));
        return all.toArray(String[]::new);
    }

    static void refused(Cli.Result run, String... message) {
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.GOVERNANCE_REFUSED);
        assertThat(run.err()).startsWith("traceflux: refused: ").contains(message);
        assertThat(run.err().lines()).hasSize(1);
    }

    static ControlPlane plane() {
        return ControlPlane.open(warehouse);
    }

    @Test
    @Order(1)
    void aDryRunAndAliceEnforcedRunThroughTheLauncher() {
        Cli.Result dry = Cli.run(replayArgs("dry1", "edge@v1", "--triggered-by", "alice"));
        assertThat(dry.exit()).as(dry.err()).isZero();
        // A replay through the launcher starts a Spark JVM of its own: only under -Dtraceflux.soak=true;
        // the control-plane commands below go through it by default.
        String[] enforcedArgs = replayArgs("enf1", "edge@v1", "--mode", "enforced", "--triggered-by", "alice");
        Cli.Result enforced = Boolean.getBoolean("traceflux.soak") ? Launcher.run(enforcedArgs)
                : Cli.run(enforcedArgs);
        assertThat(enforced.exit()).as(enforced.err()).isZero();
        assertThat(enforced.out()).contains("mode enforced");

        ExecutionRow enf1 = plane().execution("enf1").orElseThrow();
        assertThat(enf1.pendingPromotion()).isTrue();
        assertThat(plane().execution("dry1").orElseThrow().pendingPromotion()).isFalse();
        List<AuditEntry> entries = plane().auditLog().entriesOf("enf1");
        assertThat(entries).extracting(AuditEntry::action).containsExactly("execution_started", "execution_finished");
        JsonNode finished = entries.get(1).detailsJson();
        assertThat(finished.get("status").asText()).isEqualTo("succeeded");
        assertThat(finished.get("gates_passed").asBoolean()).isTrue();
        assertThat(finished.get("bundle_manifest_sha256").asText())
                .isEqualTo(bundleManifest("enf1").get("manifest_sha256").asText());
        assertThat(Path.of(warehouse, "bundles", "enf1", "governance.json")).as("no decision yet").doesNotExist();
    }

    @Test
    @Order(2)
    void aliceCannotApproveHerOwnRunAndNothingIsPromotedWithoutApproval() {
        refused(cli("approve", "--execution", "enf1", "--by", "alice"),
                "alice triggered execution enf1, so cannot decide on it");
        refused(cli("promote", "--execution", "enf1", "--by", "bob"),
                "check 3 (approvals): edge@v1 requires 1 approval(s) by people other than alice; execution enf1 has 0");
        assertThat(cli("approve", "--execution", "nope", "--by", "bob").exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(cli("approve", "--execution", "enf1", "--by", "bob smith").exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(plane().approvals("enf1")).isEmpty();
        assertThat(plane().auditLog().entriesWith(AuditEvent.Action.REFUSED)).extracting(e -> e.detailsJson().get("check")
                .asText()).containsExactly("approver", "approvals");
    }

    @Test
    @Order(3)
    void bobApprovesAndPromotesThroughTheLauncher() {
        refused(cli("approve", "--execution", "enf1", "--by", "carol", "--scope", "region=eu-west|us-east"),
                "scope 'region=eu-west|us-east' is wider than execution enf1's scope 'region=eu-west'");
        Cli.Result approved = launcher("approve", "--execution", "enf1", "--by", "bob", "--comment", "diffs reviewed");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.out()).startsWith("approved execution enf1 by bob in scope region=eu-west (audit seq ");
        refused(cli("approve", "--execution", "enf1", "--by", "bob"), "bob already approved execution enf1");
        refused(cli("promote", "--execution", "enf1", "--by", "bob", "--scope", "*"),
                "check 4 (scope): scope '*' is not within execution enf1's scope 'region=eu-west'");

        Cli.Result promoted = launcher("promote", "--execution", "enf1", "--by", "bob");
        assertThat(promoted.exit()).as(promoted.err()).isZero();
        assertThat(promoted.out()).startsWith("promoted edge@v1 (sha256 ").contains(" to scope region=eu-west as promotion-");

        Cli.Result active = launcher("policy", "active", "--json");
        assertThat(active.exit()).as(active.err()).isZero();
        JsonNode rows = json(active.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("policy_version").asInt()).isEqualTo(1);
        assertThat(rows.get(0).get("scope").asText()).isEqualTo("region=eu-west");
        assertThat(rows.get(0).get("execution_id").asText()).isEqualTo("enf1");
        assertThat(rows.get(0).get("promoted_by").asText()).isEqualTo("bob");
        assertThat(spark.read().format("delta").load(warehouse + "/promotions").count()).isEqualTo(1);
        assertThat(spark.read().format("delta").load(warehouse + "/approvals").filter("execution_id = 'enf1'")
                .select("approver", "decision", "scope", "comment").collectAsList().toString())
                .isEqualTo("[[bob,approved,region=eu-west,diffs reviewed]]");
    }

    @Test
    @Order(4)
    void aNewerVersionPromotedToANarrowerScopeSupersedesOnlyThere() {
        assertThat(Cli.run(replayArgs("enf2", "edge@v2", "--mode", "enforced", "--triggered-by", "alice")).exit())
                .isZero();
        assertThat(cli("approve", "--execution", "enf2", "--by", "carol").exit()).isZero();
        Cli.Result promoted = cli("promote", "--execution", "enf2", "--by", "carol", "--scope", "region=eu-west,pop=fra1");
        assertThat(promoted.exit()).as(promoted.err()).isZero();
        String v1Promotion = plane().promotions().get(0).promotionId();
        assertThat(promoted.out()).contains("supersedes " + v1Promotion);

        Map<String, List<ActivePolicies.Active>> all = ActivePolicies.of(plane().promotions(), "edge", null);
        assertThat(all.get("edge")).extracting(a -> a.promotion().ref() + " " + a.promotion().scope() + " except "
                + a.exceptIn().stream().map(Promotion::scope).toList())
                .containsExactly("edge@v2 pop=fra1,region=eu-west except []", "edge@v1 region=eu-west except [pop=fra1,region=eu-west]");
        JsonNode ams2 = json(cli("policy", "active", "--scope", "region=eu-west,pop=ams2", "--json").out());
        assertThat(ams2).hasSize(1);
        assertThat(ams2.get(0).get("policy_version").asInt()).isEqualTo(1);
        JsonNode fra1 = json(cli("policy", "active", "--policy", "edge", "--scope", "region=eu-west,pop=fra1", "--json").out());
        assertThat(fra1).hasSize(1);
        assertThat(fra1.get(0).get("policy_version").asInt()).isEqualTo(2);
        assertThat(fra1.get(0).get("covers_asked_scope").asBoolean()).isTrue();
        String table = cli("policy", "active").out();
        assertThat(table).contains("edge@v2", "edge@v1", "pop=fra1,region=eu-west (v2)");
    }

    @Test
    @Order(5)
    void aFailedGateADryRunAndAnEditedPolicyCannotGoFurther() throws Exception {
        assertThat(Cli.run(replayArgs("bad1", "edge@v3", "--mode", "enforced", "--triggered-by", "alice")).exit())
                .isEqualTo(ExitCode.GATE_FAILED);
        refused(cli("approve", "--execution", "bad1", "--by", "bob"),
                "execution bad1 failed its gates (min_incident_parity actual 0 < 0.9000): it cannot be approved");
        refused(cli("promote", "--execution", "bad1", "--by", "bob"), "check 2 (gates): execution bad1 failed its gates");
        refused(cli("promote", "--execution", "dry1", "--by", "bob"),
                "check 1 (execution): execution dry1 is a dry-run: only a succeeded --mode enforced execution can be promoted");
        assertThat(plane().execution("bad1").orElseThrow().pendingPromotion()).isFalse();

        Path v1 = policies.resolve("edge/v1.yaml");
        Files.writeString(v1, Files.readString(v1).replace("gap: 2m", "gap: 3m"));
        refused(cli("approve", "--execution", "enf1", "--by", "dave"), "policy file " + v1.toAbsolutePath(),
                "was edited after the execution");
        refused(cli("promote", "--execution", "enf1", "--by", "bob"), "check 5 (policy-hash): policy file");
    }

    @Test
    @Order(6)
    void theRunHistoryAndTheAuditLogThroughTheLauncher() {
        Cli.Result list = launcher("executions", "list", "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode rows = json(list.out());
        List<String> summary = new ArrayList<>();
        rows.forEach(r -> summary.add(r.get("execution_id").asText() + " " + r.get("mode").asText() + " "
                + r.get("promotion").asText() + " " + (r.get("parity").isNull() ? "-" : r.get("parity").get("gates_passed"))
                + " " + r.get("approvals").size()));
        assertThat(summary).containsExactly("bad1 enforced - false 0", "enf2 enforced promoted true 1",
                "enf1 enforced promoted true 1", "dry1 dry-run - true 0");
        Cli.Result filtered = launcher("executions", "list", "--policy", "edge@v3", "--limit", "5");
        assertThat(filtered.out().lines()).hasSize(2);
        assertThat(filtered.out()).contains("bad1", "FAILED min_incident_parity");

        Cli.Result show = launcher("executions", "show", "enf1");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("policy_sha256", "pending_promotion    true", "triggered_by         alice",
                "2 baseline vs 2 replay incidents: EXACT 2", "min_incident_parity", "approved by bob",
                "promotion-", "execution_started", "execution_finished", "approved", "promoted",
                "bundle  " + warehouse + "/bundles/enf1");

        Cli.Result verify = launcher("audit", "verify");
        assertThat(verify.exit()).as(verify.err()).isZero();
        int entries = plane().auditLog().entries().size();
        assertThat(verify.out()).contains(": " + entries + " entries checked, chain intact; head hash "
                + plane().auditLog().head().hash());
    }

    @Test
    @Order(7)
    void theRewrittenBundleShowsTheGovernanceRecordAndStillVerifies() throws Exception {
        String finishedManifest = bundleManifest("enf1").get("manifest_sha256").asText();
        Cli.Result bundle = Cli.run("bundle", "--execution", "enf1", "--warehouse", warehouse);
        assertThat(bundle.exit()).as(bundle.err()).isZero();
        Path dirOf = Path.of(warehouse, "bundles", "enf1");
        String html = Files.readString(dirOf.resolve("report.html"));
        assertThat(html).contains("<h3 id=\"approvals\">Approvals</h3>", "diffs reviewed", "<h3 id=\"promotions\">",
                "promotion-", "<h3 id=\"audit\">Audit entries</h3>", "approved", "promoted")
                .doesNotContain("execution_finished", finishedManifest);
        assertThat(Files.readString(dirOf.resolve("summary.md"))).contains("## Governance", "### Approvals", "bob");
        JsonNode governance = JSON.readTree(dirOf.resolve("governance.json").toFile());
        List<AuditEntry> decisions = plane().auditLog().entriesOf("enf1").stream()
                .filter(e -> !e.action().startsWith("execution_")).toList();
        assertThat(governance.get("audit_entries")).hasSize(decisions.size());
        assertThat(governance.get("audit_entries").get(0).get("seq").asLong()).isEqualTo(decisions.get(0).seq());
        assertThat(governance.get("promotions").get(0).get("scope").asText()).isEqualTo("region=eu-west");
        assertThat(Cli.run("bundle", "verify", dirOf.toString()).exit()).isZero();
        Files.writeString(dirOf.resolve("governance.json"), Files.readString(dirOf.resolve("governance.json"))
                .replace("\"bob\"", "\"eve\""));
        Cli.Result broken = Cli.run("bundle", "verify", dirOf.toString());
        assertThat(broken.exit()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        assertThat(broken.err()).contains("governance.json");
    }

    @Test
    @Order(8)
    void anApprovedAndPromotedExecutionIsNotReRun() {
        List<AuditEntry> before = plane().auditLog().entriesOf("enf1");
        Cli.Result rerun = Cli.run(replayArgs("enf1", "edge@v2", "--mode", "enforced", "--triggered-by", "alice"));
        // A replay reports its progress first; the refusal is its last line and its only error.
        assertThat(rerun.exit()).as(rerun.err()).isEqualTo(ExitCode.GOVERNANCE_REFUSED);
        assertThat(rerun.err().lines().filter(l -> l.startsWith("traceflux:")).toList()).singleElement().asString()
                .startsWith("traceflux: refused: execution enf1 was approved and promoted (audit seq ")
                .endsWith("a re-run would replace the results those decisions were taken on; replay under a new"
                        + " --execution-id");
        assertThat(rerun.err().strip().lines().reduce((a, b) -> b)).hasValueSatisfying(l -> assertThat(l)
                .startsWith("traceflux: refused: "));
        ExecutionRow enf1 = plane().execution("enf1").orElseThrow();
        assertThat(List.of(enf1.status(), enf1.policyVersion())).containsExactly("succeeded", 1);
        List<AuditEntry> after = plane().auditLog().entriesOf("enf1");
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.subList(before.size(), after.size())).extracting(e -> e.action() + " "
                + e.detailsJson().get("command").asText() + " " + e.detailsJson().get("check").asText())
                .containsExactly("refused replay decided");
        assertThat(cli("audit", "verify").exit()).isZero();
    }

    static JsonNode bundleManifest(String id) {
        try {
            return JSON.readTree(Path.of(warehouse, "bundles", id, "manifest.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
