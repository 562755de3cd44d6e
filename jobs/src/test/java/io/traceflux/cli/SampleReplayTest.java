package io.traceflux.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.traceflux.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's sample: the committed Nezha Train-Ticket capture replayed with tt-checkout@v2
 * against production and against v1. The expected figures were predicted independently (a
 * separate simulation of SPEC 3.2 and 4 by the sample's author) before the replay ran; a change
 * that moves them is a behaviour change to explain.
 *
 * <p>The two replays run once for the class (each costs the fixed price of a whole run): the
 * tests read their tables and bundles, and the empty-scope run writes beside them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleReplayTest extends SparkTestBase {

    static final Path REPO = Path.of(System.getProperty("traceflux.repo", ".."));

    @TempDir
    static Path warehouse;

    int replay(String id, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("replay",
                "--capture", REPO.resolve("test-data/captures/nezha-tt-2023-01-29").toString(),
                "--policy", "tt-checkout@v2", "--policies", REPO.resolve("policies").toString(),
                "--warehouse", warehouse.toString(), "--execution-id", id));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    Row report(String id) {
        return spark.read().format("delta").load(warehouse.resolve("parity_report").toString())
                .filter("execution_id = '" + id + "'").first();
    }

    @BeforeAll
    void replayV2AgainstProductionAndAgainstV1() {
        assertThat(replay("v2-prod")).isZero();
        assertThat(replay("v2-v1", "--baseline", "policy:tt-checkout@v1")).isZero();
    }

    @Test
    void v2AgainstProductionAndAgainstV1() {
        Row exec = spark.read().format("delta").load(warehouse.resolve("executions").toString())
                .filter("execution_id = 'v2-prod'").first();
        assertThat(List.of(exec.getAs("input_rows"), exec.getAs("selected_rows"), exec.getAs("quarantined_rows"),
                exec.getAs("suppressed_rows"), exec.getAs("duplicate_rows"), exec.getAs("incidents")))
                .containsExactly(1126L, 1122L, 4L, 1053L, 39L, 10L);

        Row prod = report("v2-prod");
        assertThat(counts(prod)).containsExactly(13L, 10L, 5L, 4L, 0L, 1L, 2L, 0L, 0L);
        assertThat(prod.<Long>getAs("newly_suppressed")).isEqualTo(301L);
        assertThat(prod.<Double>getAs("incident_parity")).isCloseTo(5.0 / 13, within(1e-9));
        assertThat(prod.<Boolean>getAs("gates_passed")).isTrue();

        Row v1 = report("v2-v1");
        assertThat(counts(v1)).containsExactly(12L, 10L, 7L, 3L, 0L, 0L, 2L, 0L, 0L);
        assertThat(v1.<Long>getAs("newly_suppressed")).isEqualTo(302L);
        assertThat(v1.<Double>getAs("incident_parity")).isCloseTo(7.0 / 12, within(1e-9));
        assertThat(v1.<String>getAs("confidence")).isEqualTo("high");
    }

    /**
     * Action parity against production (SPEC 4.1), worked out by hand from the capture.
     * Production's actions (baseline/actions/, derived as test-data/README.md says): pages for
     * the critical food (INC-002), travel (004) and travel2 (005) incidents, each at its first
     * critical alert, to the booking team; a page to the accounts team for the contacts drill
     * (011, escalated by hand: at its first signal 08:43:17.121704); tickets for execute (010),
     * preserve (008, at its ERROR 08:43:26.379473) and the contacts follow-up (013, at
     * 08:44:32.632888). 4 pages and 3 tickets, none held (one service each).
     *
     * <p>v2 fires the same three booking pages at the same signals (KEPT, no shift, so no
     * action_diffs row) and the execute ticket (KEPT, no row). The contacts component is MERGED
     * into one replay incident of major ERRORs: it fires the ticket at its first ERROR,
     * 08:43:17.121704, 75.511184 s before production's follow-up ticket (KEPT, -75.511184), and no
     * page: production's page came from on-call's escalation (REMOVED). v2's
     * pod-latency-inhibits-pod-logs suppresses preserve's only ERROR, so that incident stays a
     * warning and its ticket is REMOVED. Kept: 3 pages, 2 tickets; added none; removed 1 page,
     * 1 ticket. Against v1, only the preserve ticket differs (v1 keeps the ERROR).
     */
    @Test
    void actionParityAgainstProductionAndAgainstV1() {
        String againstProduction = "v2-prod";
        String againstV1 = "v2-v1";
        assertThat(firingsByKind("baseline_actions", againstProduction)).isEqualTo(Map.of("page", 4L, "ticket", 3L));
        assertThat(firingsByKind("replay_actions", againstProduction)).isEqualTo(Map.of("page", 3L, "ticket", 2L));
        assertThat(actionDiffs(againstProduction)).containsExactly(
                "page tt-accounts-oncall REMOVED 1 0 null",
                "ticket TT-CHECKOUT KEPT 1 1 -75.511184",
                "ticket TT-CHECKOUT REMOVED 1 0 null");
        Row prod = report(againstProduction);
        assertThat(List.<Object>of(prod.getAs("pages_added"), prod.getAs("pages_removed"), prod.getAs("max_page_delay")))
                .containsExactly(0L, 1L, 0.0);

        assertThat(actionDiffs(againstV1)).containsExactly("ticket TT-CHECKOUT REMOVED 1 0 null");
        Row v1 = report(againstV1);
        assertThat(List.<Object>of(v1.getAs("pages_added"), v1.getAs("pages_removed"), v1.getAs("max_page_delay")))
                .containsExactly(0L, 0L, 0.0);
    }

    /** Firings not held by a cooldown, per kind. */
    private Map<String, Long> firingsByKind(String table, String id) {
        Map<String, Long> counts = new TreeMap<>();
        for (Row r : spark.read().format("delta").load(warehouse.resolve(table).toString())
                .filter("execution_id = '" + id + "' and not held_by_cooldown").groupBy("kind").count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    /** action_diffs rows as "kind target class baseline_firings replay_firings shift_seconds", sorted. */
    private List<String> actionDiffs(String id) {
        return spark.read().format("delta").load(warehouse.resolve("action_diffs").toString())
                .filter("execution_id = '" + id + "'")
                .selectExpr("concat_ws(' ', kind, target, class, cast(baseline_firings as string), "
                        + "cast(replay_firings as string), coalesce(cast(shift_seconds as string), 'null'))")
                .as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    }

    /**
     * A scope that matches no signal is a valid, reported run, but proves nothing: every gate
     * fails with that reason (exit 3), and the quarantined share is one of every row read.
     */
    @Test
    void aScopeThatSelectsNothingFailsEveryGate() {
        assertThat(replay("nothing", "--scope", "service=no-such-service")).isEqualTo(3);

        Row r = report("nothing");
        assertThat(List.<Object>of(r.getAs("selected_signals"), r.getAs("gates_passed"))).containsExactly(0L, false);
        assertThat(r.<String>getAs("confidence")).isEqualTo("low");
        assertThat(r.getList(r.fieldIndex("confidence_reasons"))).contains("no selected signals")
                .noneMatch(reason -> String.valueOf(reason).contains("4 of 4"));
        assertThat(r.<Row>getList(r.fieldIndex("gates"))).hasSize(3).allSatisfy(g -> {
            assertThat(g.<Boolean>getAs("passed")).isFalse();
            assertThat(g.<String>getAs("reason")).startsWith("no signal was selected");
        });
    }

    @Test
    void theReplaysBundleEqualsTheOneRewrittenFromTheTables() throws IOException {
        Path rewritten = warehouse.resolve("rewritten");
        assertThat(Main.run("bundle", "--execution", "v2-v1", "--out", rewritten.toString(),
                "--warehouse", warehouse.toString())).isZero();

        Path held = warehouse.resolve("bundles/v2-v1");
        Map<String, String> fromRun = files(held);
        Map<String, String> fromTables = files(rewritten.resolve("v2-v1"));
        assertThat(fromRun.keySet()).contains("manifest.json", "report.html", "summary.md", "parity.json",
                "tables/incident_diffs.csv", "signals/changed.csv", "tables/replay_actions.csv",
                "tables/action_diffs.csv", "tables/baseline_actions.csv");
        assertThat(fromRun).isEqualTo(fromTables);
    }

    /** Every file of a bundle folder by relative path; the manifest without its written_at line. */
    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(p);
                String name = dir.relativize(p).toString();
                files.put(name, name.equals("manifest.json") ? text.replaceAll("\"written_at\" : \"[^\"]*\"", "") : text);
            }
        }
        return files;
    }

    private static List<Object> counts(Row r) {
        return List.of(r.getAs("baseline_incidents"), r.getAs("replay_incidents"), r.getAs("exact"), r.getAs("changed"),
                r.getAs("split"), r.getAs("merged"), r.getAs("missing"), r.getAs("new"), r.getAs("reshaped"));
    }
}
