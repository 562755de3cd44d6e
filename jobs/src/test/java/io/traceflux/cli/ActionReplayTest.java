package io.traceflux.cli;

import static io.traceflux.testkit.Signals.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Signals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Would-be actions end to end (SPEC 3.4, 4.1), against values computed by hand below, for every
 * kind of baseline.
 *
 * <p>edge@v1 groups per region/pop (gap 2m, min 2), deduplicates check+host within 1m and drops
 * info. Signals: a +0s h1 critical, b +30s h1 ERROR (major; a duplicate of a), c +60s disk info
 * (dropped), d +90s h3 critical, all fra1; x +300s h4, y +330s h5 critical in ams2; p +500s h6,
 * q +520s h7 critical in fra1. Incidents: R1 = {a, b, d}, R2 = {x, y}, R3 = {p, q}.
 *
 * <p>Actions: page-critical (severity="critical", min_signals 2, page edge-oncall, cooldown 10m)
 * fires for R1 at b (+30s: the second member, a duplicate, with critical the highest so far),
 * R2 at y (+330s), R3 at q (+520s): held, 490 s after R1's page of the same group key (fra1).
 * ticket-major (severity=~"major|critical") fires at each incident's first signal: +0s, +300s,
 * +500s.
 */
class ActionReplayTest extends SparkTestBase {

    static final String R1 = BaselineReplayTest.R1;
    static final String R2 = BaselineReplayTest.R2;
    /** inc- + sha256("edge\nregion=eu-west,pop=fra1\np")[:16]. */
    static final String R3 = "inc-31550114bb16617c";

    /** {@link ReplayCommandTest#POLICY} (edge@v1) with its version left open. */
    static final String HEAD = ReplayCommandTest.POLICY.replace("version: 1\n", "version: %d\n");
    static final String V1 = HEAD.formatted(1) + """
            actions:
              - id: page-critical
                when: ['severity="critical"']
                min_signals: 2
                do: {page: edge-oncall}
                cooldown: 10m
              - id: ticket-major
                when: ['severity=~"major|critical"']
                do: {ticket: EDGE}
            governance: {gates: {max_new_pages: 0, max_lost_pages: 0, max_page_delay: 30}}
            """;
    /** v2 pages at an incident's first critical signal and never holds. */
    static final String V2 = HEAD.formatted(2) + """
            actions:
              - id: page-critical
                when: ['severity="critical"']
                do: {page: edge-oncall}
              - id: ticket-major
                when: ['severity=~"major|critical"']
                do: {ticket: EDGE}
            """;

    static final StructType ACTIONS = new StructType().add("incident_id", "string").add("action_id", "string")
            .add("kind", "string").add("target", "string").add("fired_at", "string");

    @TempDir
    Path dir;

    @Test
    void replayActionsAndActionParityAgainstProductionAPolicyAndAnExecution() {
        Path capture = capture();
        // Production: B1 = {a, b, d}, B2 = {x, y}, B3 = {p, q}, B4 = {c}. Its actions, fired_at as
        // text in three spellings of the ts grammar: B1 paged at +5s and ticketed at +0s; B2
        // ticketed at +300s (no page); B3 paged at +510s and ticketed at +500s; B4 paged db-oncall
        // at +60s; B9 (no selected signal) paged and is out of the comparison.
        CaptureFixture.production(spark, capture, "2026-11-20T10:00:00Z",
                List.of(new String[] {"B1", "critical", "fra1"}, new String[] {"B2", "critical", "ams2"},
                        new String[] {"B3", "critical", "fra1 later"}, new String[] {"B4", "major", "disk"}),
                List.of(new String[] {"B1", "a"}, new String[] {"B1", "b"}, new String[] {"B1", "d"},
                        new String[] {"B2", "x"}, new String[] {"B2", "y"}, new String[] {"B3", "p"},
                        new String[] {"B3", "q"}, new String[] {"B4", "c"}));
        productionActions(capture, List.of(
                new String[] {"B1", "pd-1", "page", "edge-oncall", "2026-11-20T10:00:05Z"},
                new String[] {"B1", "jira-1", "ticket", "EDGE", "2026-11-20 10:00:00"},
                new String[] {"B2", "jira-2", "TICKET", "EDGE", "2026-11-20T11:05:00+01:00"},
                new String[] {"B3", "pd-2", "page", "edge-oncall", "2026-11-20T10:08:30.000Z"},
                new String[] {"B3", "jira-3", "ticket", "EDGE", "2026-11-20T10:08:20Z"},
                new String[] {"B4", "pd-3", "page", "db-oncall", "2026-11-20T10:01:00Z"},
                new String[] {"B9", "pd-4", "page", "edge-oncall", "2026-11-20T10:09:00Z"}));
        Path policies = CaptureFixture.policy(dir, "edge", 1, V1);
        CaptureFixture.policy(dir, "edge", 2, V2);
        Path warehouse = dir.resolve("wh");

        // Against production, per component: B1/R1 page KEPT, first at +5s and +30s: +25 s; its
        // ticket is KEPT at the same time (no row). B2/R2 page ADDED (1 firing). B3/R3 page
        // REMOVED (R3's is held, so left out). B4 (MISSING) page db-oncall REMOVED.
        // pages_added 1 > 0 and pages_removed 2 > 0 fail; max_page_delay 25 <= 30 passes: exit 3.
        assertThat(replay(capture, policies, warehouse, "prod", "edge@v1")).isEqualTo(3);
        assertThat(strings(table(warehouse, "replay_actions", "prod"),
                "incident_id, action_id, kind, target, fires_at, held_by_cooldown", "fires_at, action_id"))
                .containsExactly(
                        R1 + " ticket-major ticket EDGE 2026-11-20 10:00:00.0 false",
                        R1 + " page-critical page edge-oncall 2026-11-20 10:00:30.0 false",
                        R2 + " ticket-major ticket EDGE 2026-11-20 10:05:00.0 false",
                        R2 + " page-critical page edge-oncall 2026-11-20 10:05:30.0 false",
                        R3 + " ticket-major ticket EDGE 2026-11-20 10:08:20.0 false",
                        R3 + " page-critical page edge-oncall 2026-11-20 10:08:40.0 true");
        assertThat(table(warehouse, "replay_actions", "prod").filter("action_id = 'page-critical'")
                .select("rule").first().getString(0)).isEqualTo(
                "page edge-oncall when {severity=\"critical\"} from 2 signals, cooldown 10m (action page-critical)");
        Map<String, String> components = components(warehouse, "prod");
        assertThat(actionDiffs(warehouse, "prod", components)).containsExactly(
                "B1 page edge-oncall KEPT 1 1 2026-11-20 10:00:05.0 2026-11-20 10:00:30.0 25.0",
                "B2 page edge-oncall ADDED 0 1 null 2026-11-20 10:05:30.0 null",
                "B3 page edge-oncall REMOVED 1 0 2026-11-20 10:08:30.0 null null",
                "B4 page db-oncall REMOVED 1 0 2026-11-20 10:01:00.0 null null");
        Row prod = report(warehouse, "prod");
        assertThat(List.of(prod.getAs("pages_added"), prod.getAs("pages_removed"))).containsExactly(1L, 2L);
        assertThat(prod.<Double>getAs("max_page_delay")).isCloseTo(25.0, within(1e-9));
        assertThat(gates(prod)).containsExactly("[max_new_pages,0.0,1.0,false,null]",
                "[max_lost_pages,0.0,2.0,false,null]", "[max_page_delay,30.0,25.0,true,null]");
        assertThat(strings(table(warehouse, "baseline_actions", "prod"), "incident_id, action_id, held_by_cooldown",
                "fires_at")).containsExactly("B1 jira-1 false", "B1 pd-1 false", "B4 pd-3 false", "B2 jira-2 false",
                "B3 jira-3 false", "B3 pd-2 false");

        // Against v2 (no cooldown, pages at the first critical signal: R1 +0s, R2 +300s, R3
        // +500s): R1 and R2 pages KEPT, each 30 s later; R3's page REMOVED (v1 holds it).
        // pages_removed 1 fails; max_page_delay 30 is at its threshold and passes.
        assertThat(replay(capture, policies, warehouse, "pol", "edge@v1", "--baseline", "policy:edge@v2"))
                .isEqualTo(3);
        Map<String, String> same = components(warehouse, "pol");
        assertThat(actionDiffs(warehouse, "pol", same)).containsExactly(
                R3 + " page edge-oncall REMOVED 1 0 2026-11-20 10:08:20.0 null null",
                R1 + " page edge-oncall KEPT 1 1 2026-11-20 10:00:00.0 2026-11-20 10:00:30.0 30.0",
                R2 + " page edge-oncall KEPT 1 1 2026-11-20 10:05:00.0 2026-11-20 10:05:30.0 30.0");
        Row pol = report(warehouse, "pol");
        assertThat(List.of(pol.getAs("pages_added"), pol.getAs("pages_removed"), pol.getAs("max_page_delay")))
                .containsExactly(0L, 1L, 30.0);
        assertThat(gates(pol)).containsExactly("[max_new_pages,0.0,0.0,true,null]",
                "[max_lost_pages,0.0,1.0,false,null]", "[max_page_delay,30.0,30.0,true,null]");

        // Against the first execution (the same policy): every action KEPT at the same time, the
        // held page left out on both sides: no row, every action gate passes, exit 0.
        assertThat(replay(capture, policies, warehouse, "exec", "edge@v1", "--baseline", "execution:prod")).isZero();
        assertThat(table(warehouse, "action_diffs", "exec").count()).isZero();
        Row exec = report(warehouse, "exec");
        assertThat(List.of(exec.getAs("pages_added"), exec.getAs("pages_removed"), exec.getAs("max_page_delay")))
                .containsExactly(0L, 0L, 0.0);
        assertThat(exec.<Boolean>getAs("gates_passed")).isTrue();
    }

    @Test
    void aProductionActionWithAnUnreadableFiredAtIsRefusedBeforeAnythingIsWritten() {
        Path capture = capture();
        CaptureFixture.production(spark, capture, "2026-11-20T10:00:00Z",
                List.<String[]>of(new String[] {"B1", "critical", "fra1"}), List.<String[]>of(new String[] {"B1", "a"}));
        productionActions(capture, List.<String[]>of(new String[] {"B1", "pd-1", "page", "edge-oncall", "10:00:05"}));
        Path warehouse = dir.resolve("wh");

        assertThat(replay(capture, CaptureFixture.policy(dir, "edge", 1, V1), warehouse, "bad", "edge@v1"))
                .isEqualTo(2);
        assertThat(warehouse.resolve("replay_signals")).doesNotExist();
    }

    private Path capture() {
        Dataset<Row> signals = ReplayCommandTest.edgeSignals()
                .add("x", seconds(300), s -> s.host("h4").pop("ams2"))
                .add("y", seconds(330), s -> s.host("h5").pop("ams2"))
                .add("p", seconds(500), s -> s.host("h6"))
                .add("q", seconds(520), s -> s.host("h7"))
                .build(spark);
        return CaptureFixture.parquet(dir.resolve("cap"), "cap-a", "2026-11-20T10:00:00Z", "2026-11-20T10:10:00Z",
                signals);
    }

    private void productionActions(Path capture, List<String[]> rows) {
        List<Row> data = rows.stream().map(r -> RowFactory.create((Object[]) r)).toList();
        spark.createDataFrame(data, ACTIONS).coalesce(1).write()
                .parquet(capture.resolve("baseline/actions").toString());
    }

    private static int replay(Path capture, Path policies, Path warehouse, String id, String policy, String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", "--capture", capture.toString(), "--policy", policy,
                "--policies", policies.toString(), "--warehouse", warehouse.toString(), "--execution-id", id));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    private Dataset<Row> table(Path warehouse, String name, String id) {
        return spark.read().format("delta").load(warehouse.resolve(name).toString())
                .filter("execution_id = '" + id + "'");
    }

    private Row report(Path warehouse, String id) {
        return table(warehouse, "parity_report", id).first();
    }

    private static List<String> gates(Row report) {
        return report.getList(report.fieldIndex("gates")).stream().map(Object::toString)
                .filter(g -> g.contains("page")).toList();
    }

    /** component_id to a name: its baseline incident, or its replay incident when it has none. */
    private Map<String, String> components(Path warehouse, String id) {
        Map<String, String> names = new HashMap<>();
        for (Row r : table(warehouse, "incident_diffs", id).collectAsList()) {
            List<String> b = r.getList(r.fieldIndex("baseline_incident_ids"));
            List<String> rep = r.getList(r.fieldIndex("replay_incident_ids"));
            names.put(r.getAs("component_id"), String.join("+", b.isEmpty() ? rep : b));
        }
        return names;
    }

    private List<String> actionDiffs(Path warehouse, String id, Map<String, String> components) {
        return table(warehouse, "action_diffs", id).collectAsList().stream()
                .map(r -> components.get(r.<String>getAs("component_id")) + " " + r.getAs("kind") + " "
                        + r.getAs("target") + " " + r.getAs("class") + " " + r.getAs("baseline_firings") + " "
                        + r.getAs("replay_firings") + " " + r.getAs("baseline_first_at") + " "
                        + r.getAs("replay_first_at") + " " + r.getAs("shift_seconds"))
                .sorted().toList();
    }

    private static List<String> strings(Dataset<Row> rows, String columns, String order) {
        return rows.selectExpr(columns.split(", ")).orderBy(Arrays.stream(order.split(", ")).map(functions::col).toArray(Column[]::new)).collectAsList().stream()
                .map(r -> {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        cells.add(String.valueOf(r.get(i)));
                    }
                    return String.join(" ", cells);
                }).toList();
    }
}
