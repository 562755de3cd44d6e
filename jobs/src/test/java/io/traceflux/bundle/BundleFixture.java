package io.traceflux.bundle;

import static io.traceflux.bundle.TableRows.STRINGS;
import static io.traceflux.bundle.TableRows.STRING_MAP;
import static io.traceflux.bundle.TableRows.schema;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A warehouse with two executions. {@link #WITH_BASELINE} covers every component class
 * against a production baseline: c-1 EXACT (b-1 = r-1), c-2 CHANGED (b-2 -> r-2: s-06 left,
 * s-05 joined), c-3 SPLIT (b-3 -> r-4 + r-5), c-4 MISSING (b-4: s-13 newly suppressed, s-14
 * uncorrelated), c-5 NEW (r-3). {@link #NO_BASELINE} has replay tables only. Messages and r-4's
 * title carry script payloads that would mark the page if they ever ran; b-2 has no group key
 * (it takes r-2's lane) and b-3 no title.
 *
 * <p>Actions of {@link #WITH_BASELINE}: c-1's page edge-oncall is KEPT, 40 s later (b-1 at
 * 10:00:20, r-1 at 10:01:00); r-2 pages a target carrying a script payload (ADDED), with a rule
 * text carrying another; r-3 files a ticket (ADDED); b-4's page db-oncall is REMOVED; r-5's page
 * is held by the cooldown.
 */
final class BundleFixture {

    static final String WITH_BASELINE = "exec-b";
    static final String NO_BASELINE = "exec-n";

    /** A message that would set {@code data-pwned} on the body if its handler ran. */
    static final String IMG_PAYLOAD = "<img src=x onerror=document.body.dataset.pwned=1>";
    /** The example. */
    static final String ALERT_PAYLOAD = "<img src=x onerror=alert(1)>";
    static final String TITLE_PAYLOAD = "</title><script>document.documentElement.dataset.pwned='2'</script>";
    /** An action target that would mark the page if it ran. */
    static final String TARGET_PAYLOAD = "\"><script>document.body.dataset.pwned='3'</script>oncall";
    /** A rule text that would mark the page if it ran. */
    static final String RULE_PAYLOAD = "page <img src=x onerror=document.body.dataset.pwned=4> when {}";

    static final StructType EXECUTIONS = schema("status", DataTypes.StringType, "mode", DataTypes.StringType,
            "policy_id", DataTypes.StringType, "policy_version", DataTypes.IntegerType,
            "policy_sha256", DataTypes.StringType, "policy_path", DataTypes.StringType,
            "capture_id", DataTypes.StringType, "capture_path", DataTypes.StringType,
            "capture_format", DataTypes.StringType, "capture_version", DataTypes.LongType,
            "baseline", DataTypes.StringType, "scope", DataTypes.StringType,
            "window_start", DataTypes.TimestampType, "window_end", DataTypes.TimestampType,
            "triggered_by", DataTypes.StringType, "reason", DataTypes.StringType,
            "started_at", DataTypes.TimestampType, "finished_at", DataTypes.TimestampType,
            "input_rows", DataTypes.LongType, "selected_rows", DataTypes.LongType,
            "quarantined_rows", DataTypes.LongType, "incidents", DataTypes.LongType,
            "code_version", DataTypes.StringType, "spark_version", DataTypes.StringType,
            "master", DataTypes.StringType, "error", DataTypes.StringType);
    static final StructType SIGNALS = schema("signal_id", DataTypes.StringType, "ts", DataTypes.TimestampType,
            "service", DataTypes.StringType, "region", DataTypes.StringType, "pop", DataTypes.StringType,
            "host", DataTypes.StringType, "check", DataTypes.StringType, "severity", DataTypes.StringType,
            "raw_severity", DataTypes.StringType, "fingerprint", DataTypes.StringType,
            "suppressed_by", DataTypes.StringType, "duplicate_of", DataTypes.StringType,
            "incident_id", DataTypes.StringType, "decision", DataTypes.StringType, "reason", DataTypes.StringType,
            "group_key", STRING_MAP, "labels", STRING_MAP, "message", DataTypes.StringType);
    static final StructType INCIDENTS = schema("incident_id", DataTypes.StringType, "group_key", STRING_MAP,
            "first_signal_id", DataTypes.StringType, "opened_at", DataTypes.TimestampType,
            "last_signal_at", DataTypes.TimestampType, "severity", DataTypes.StringType,
            "signal_count", DataTypes.LongType, "services", STRINGS, "hosts", STRINGS, "title", DataTypes.StringType);
    static final StructType BASELINE_INCIDENTS = schema("incident_id", DataTypes.StringType,
            "opened_at", DataTypes.TimestampType, "last_signal_at", DataTypes.TimestampType,
            "severity", DataTypes.StringType, "title", DataTypes.StringType, "group_key", STRING_MAP,
            "signal_count", DataTypes.LongType);
    static final StructType PAIR = new StructType().add("baseline_incident_id", DataTypes.StringType)
            .add("replay_incident_id", DataTypes.StringType).add("overlap", DataTypes.LongType)
            .add("jaccard", DataTypes.DoubleType);
    static final StructType INCIDENT_DIFFS = schema("component_id", DataTypes.StringType,
            "class", DataTypes.StringType, "baseline_incident_ids", STRINGS, "replay_incident_ids", STRINGS,
            "shared_signals", DataTypes.LongType, "baseline_only_signals", DataTypes.LongType,
            "replay_only_signals", DataTypes.LongType, "jaccard", DataTypes.DoubleType,
            "pairs", DataTypes.createArrayType(PAIR), "changes", STRINGS);
    static final StructType GATE = new StructType().add("name", DataTypes.StringType)
            .add("threshold", DataTypes.DoubleType).add("actual", DataTypes.DoubleType)
            .add("passed", DataTypes.BooleanType);
    static final StructType PARITY = schema("baseline_incidents", DataTypes.LongType,
            "replay_incidents", DataTypes.LongType, "exact", DataTypes.LongType, "changed", DataTypes.LongType,
            "split", DataTypes.LongType, "merged", DataTypes.LongType, "missing", DataTypes.LongType,
            "new", DataTypes.LongType, "reshaped", DataTypes.LongType, "incident_parity", DataTypes.DoubleType,
            "bcubed_precision", DataTypes.DoubleType, "bcubed_recall", DataTypes.DoubleType,
            "bcubed_f1", DataTypes.DoubleType, "fingerprint_agreement", DataTypes.DoubleType,
            "suppression_agreement", DataTypes.DoubleType, "missing_critical", DataTypes.LongType,
            "quarantined", DataTypes.LongType,
            "quarantined_by_reason", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType),
            "unknown_severity", DataTypes.LongType, "baseline_conflicts", DataTypes.LongType,
            "confidence", DataTypes.StringType, "confidence_reasons", STRINGS,
            "gates", DataTypes.createArrayType(GATE), "gates_passed", DataTypes.BooleanType,
            "pages_added", DataTypes.LongType, "pages_removed", DataTypes.LongType,
            "max_page_delay", DataTypes.DoubleType);
    static final StructType ACTIONS = schema("incident_id", DataTypes.StringType, "action_id", DataTypes.StringType,
            "kind", DataTypes.StringType, "target", DataTypes.StringType, "fires_at", DataTypes.TimestampType,
            "held_by_cooldown", DataTypes.BooleanType, "rule", DataTypes.StringType);
    static final StructType ACTION_DIFFS = schema("component_id", DataTypes.StringType,
            "kind", DataTypes.StringType, "target", DataTypes.StringType, "class", DataTypes.StringType,
            "baseline_firings", DataTypes.LongType, "replay_firings", DataTypes.LongType,
            "baseline_first_at", DataTypes.TimestampType, "replay_first_at", DataTypes.TimestampType,
            "shift_seconds", DataTypes.DoubleType);
    static final StructType SIGNAL_DIFF = schema("signal_id", DataTypes.StringType, "ts", DataTypes.TimestampType,
            "service", DataTypes.StringType, "region", DataTypes.StringType, "pop", DataTypes.StringType,
            "before", DataTypes.StringType, "after", DataTypes.StringType, "rule", DataTypes.StringType,
            "reason", DataTypes.StringType);
    static final StructType SUPPRESSION_DIFFS = SIGNAL_DIFF.add("change", DataTypes.StringType);
    static final StructType CORRELATION_DIFFS = SIGNAL_DIFF.add("component_id", DataTypes.StringType)
            .add("class", DataTypes.StringType);
    static final StructType RULE_IMPACT = schema("rule_id", DataTypes.StringType, "kind", DataTypes.StringType,
            "position", DataTypes.IntegerType, "signals_changed", DataTypes.LongType,
            "incidents_affected", DataTypes.LongType);
    static final StructType BLAST_RADIUS = schema("dimension", DataTypes.StringType, "value", DataTypes.StringType,
            "baseline_incidents", DataTypes.LongType, "replay_incidents", DataTypes.LongType,
            "changed_signals", DataTypes.LongType, "newly_suppressed", DataTypes.LongType);
    static final StructType QUARANTINE = schema("signal_id", DataTypes.StringType, "reason", DataTypes.StringType,
            "raw", DataTypes.StringType);

    static final String POLICY_TEXT = "policy: edge-correlation\nversion: 3\n# comment kept byte for byte\n";

    private static Path shared;

    private BundleFixture() {
    }

    /**
     * One warehouse for every test class in this JVM (writing it costs seconds of Delta
     * commits); removed when the JVM exits. Tests must not change its tables.
     */
    static synchronized Path shared(SparkSession spark) {
        if (shared == null) {
            try {
                Path root = Files.createTempDirectory("bundle-fixture-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
                shared = write(spark, root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // Best effort at JVM exit: the folder is under the system temp directory.
        }
    }

    /** Writes both executions' tables and the policy file under {@code root}; returns the warehouse. */
    static Path write(SparkSession spark, Path root) {
        Path warehouse = root.resolve("warehouse");
        Path policy = root.resolve("policies/edge-correlation/v3.yaml");
        try {
            Files.createDirectories(policy.getParent());
            Files.writeString(policy, POLICY_TEXT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executions(policy).write(spark, warehouse);
        signals().write(spark, warehouse);
        incidents().write(spark, warehouse);
        baselineIncidents().write(spark, warehouse);
        incidentDiffs().write(spark, warehouse);
        parity().write(spark, warehouse);
        correlationDiffs().write(spark, warehouse);
        suppressionDiffs().write(spark, warehouse);
        new TableRows("fingerprint_diffs", SIGNAL_DIFF).row(WITH_BASELINE).set("signal_id", "s-05")
                .set("ts", "2026-11-20T10:03:30Z").set("before", "aaaa").set("after", "bbbb")
                .set("rule", "fingerprint").set("reason", "fingerprint differs").write(spark, warehouse);
        ruleImpact().write(spark, warehouse);
        replayActions().write(spark, warehouse);
        baselineActions().write(spark, warehouse);
        actionDiffs().write(spark, warehouse);
        blastRadius().write(spark, warehouse);
        new TableRows("quarantine", QUARANTINE)
                .row(WITH_BASELINE).set("reason", "null_signal_id").set("raw", "{}")
                .row(WITH_BASELINE).set("signal_id", "q-1").set("reason", "invalid_ts").set("raw", "{\"ts\":\"x\"}")
                .write(spark, warehouse);
        return warehouse;
    }

    private static TableRows executions(Path policy) {
        TableRows t = new TableRows("executions", EXECUTIONS);
        for (String id : List.of(WITH_BASELINE, NO_BASELINE)) {
            boolean baseline = id.equals(WITH_BASELINE);
            t.row(id).set("status", "succeeded").set("mode", "dry-run").set("policy_id", "edge-correlation")
                    .set("policy_version", 3).set("policy_sha256", "5f".repeat(32))
                    .set("policy_path", policy.toString()).set("capture_id", "cap-1")
                    .set("capture_path", "/captures/cap-1").set("capture_format", "delta").set("capture_version", 7L)
                    .set("baseline", baseline ? "production" : null).set("scope", baseline ? "region=eu-west" : null)
                    .set("window_start", "2026-11-20T10:00:00Z").set("window_end", "2026-11-20T10:10:00Z")
                    .set("triggered_by", "alice").set("reason", "check <b>bold</b> & more")
                    .set("started_at", "2026-11-21T08:00:00Z").set("finished_at", "2026-11-21T08:01:30.250Z")
                    .set("input_rows", 20L).set("selected_rows", 16L).set("quarantined_rows", 2L)
                    .set("incidents", baseline ? 5L : 2L).set("code_version", "0.1.0")
                    .set("spark_version", "3.5.8").set("master", "local[2]");
        }
        return t;
    }

    private static TableRows signals() {
        TableRows t = new TableRows("replay_signals", SIGNALS);
        signal(t, "s-01", "10:00:10", "fra1", "major", "r-1", "incident", null);
        signal(t, "s-02", "10:01:00", "fra1", "major", "r-1", "incident", null);
        signal(t, "s-03", "10:02:00", "ams2", "critical", "r-2", "incident", ALERT_PAYLOAD);
        signal(t, "s-04", "10:03:00", "ams2", "major", "r-2", "incident", null);
        signal(t, "s-05", "10:03:30", "ams2", "major", "r-2", "incident", IMG_PAYLOAD);
        signal(t, "s-06", "10:04:00", "ams2", "major", null, "uncorrelated", null);
        signal(t, "s-07", "10:05:00", "fra1", "minor", "r-3", "incident", null);
        signal(t, "s-08", "10:05:40", "fra1", "minor", "r-3", "incident", null);
        signal(t, "s-09", "10:06:00", "ams2", "major", "r-4", "incident", null);
        signal(t, "s-10", "10:06:20", "ams2", "major", "r-4", "incident", null);
        signal(t, "s-11", "10:07:00", "ams2", "major", "r-5", "incident", null);
        signal(t, "s-12", "10:07:30", "ams2", "major", "r-5", "incident", null);
        signal(t, "s-13", "10:08:00", "ber1", "critical", null, "suppressed", null)
                .set("suppressed_by", "pop-down-inhibits-hosts");
        signal(t, "s-14", "10:09:00", "ber1", "critical", null, "uncorrelated", null);
        signal(t, "s-15", "10:09:10", "ber1", "info", null, "suppressed", null).set("suppressed_by", "drop-info");
        signal(t, "s-16", "10:09:20", "fra1", "warning", null, "suppressed", null)
                .set("suppressed_by", "fra1-maintenance");
        t.row(NO_BASELINE).set("signal_id", "n-1").set("ts", "2026-11-20T10:01:00Z").set("incident_id", "rn-1")
                .set("decision", "incident").set("message", IMG_PAYLOAD);
        return t;
    }

    private static TableRows signal(TableRows t, String id, String time, String pop, String severity, String incident,
            String decision, String message) {
        return t.row(WITH_BASELINE).set("signal_id", id).set("ts", "2026-11-20T" + time + "Z").set("service", "edge")
                .set("region", "eu-west").set("pop", pop).set("host", "web-" + id.substring(2)).set("check", "http")
                .set("severity", severity).set("raw_severity", severity.toUpperCase(Locale.ROOT))
                .set("fingerprint", "fp-" + id).set("incident_id", incident).set("decision", decision)
                .set("reason", incident != null ? "grouping region,pop" : decision)
                .set("labels", Map.of("team", "edge")).set("message", message);
    }

    private static TableRows incidents() {
        TableRows t = new TableRows("replay_incidents", INCIDENTS);
        incident(t, "r-1", "fra1", "10:00:10", "10:01:00", "major", 2, "2 signals in eu-west/fra1");
        incident(t, "r-2", "ams2", "10:02:00", "10:03:30", "critical", 3, "3 signals in eu-west/ams2");
        incident(t, "r-3", "fra1", "10:05:00", "10:05:40", "minor", 2, "2 signals in eu-west/fra1");
        incident(t, "r-4", "ams2", "10:06:00", "10:06:20", "major", 2, TITLE_PAYLOAD);
        incident(t, "r-5", "ams2", "10:07:00", "10:07:30", "major", 2, "2 signals in eu-west/ams2");
        t.row(NO_BASELINE).set("incident_id", "rn-1").set("group_key", Map.of())
                .set("opened_at", "2026-11-20T10:01:00Z")
                .set("last_signal_at", "2026-11-20T10:01:00Z").set("severity", "major").set("signal_count", 1L)
                .set("title", "1 signals");
        t.row(NO_BASELINE).set("incident_id", "rn-2").set("group_key", Map.of())
                .set("opened_at", "2026-11-20T10:04:00Z")
                .set("last_signal_at", "2026-11-20T10:06:00Z").set("severity", "minor").set("signal_count", 4L)
                .set("title", "4 signals");
        return t;
    }

    private static void incident(TableRows t, String id, String pop, String opened, String last, String severity,
            long count, String title) {
        t.row(WITH_BASELINE).set("incident_id", id).set("group_key", key(pop))
                .set("first_signal_id", "s-x").set("opened_at", "2026-11-20T" + opened + "Z")
                .set("last_signal_at", "2026-11-20T" + last + "Z").set("severity", severity).set("signal_count", count)
                .set("services", List.of("edge")).set("hosts", List.of("web-1")).set("title", title);
    }

    private static Map<String, String> key(String pop) {
        return Map.of("region", "eu-west", "pop", pop);
    }

    private static TableRows baselineIncidents() {
        TableRows t = new TableRows("baseline_incidents", BASELINE_INCIDENTS);
        baseline(t, "b-1", "10:00:10", "10:01:00", "major", 2).set("group_key", key("fra1"));
        baseline(t, "b-2", "10:02:00", "10:04:00", "major", 3);
        baseline(t, "b-3", "10:06:00", "10:07:30", "critical", 4).set("group_key", key("ams2"))
                .set("title", null);
        baseline(t, "b-4", "10:08:00", "10:09:00", "critical", 2).set("group_key", key("ber1"));
        return t;
    }

    private static TableRows baseline(TableRows t, String id, String opened, String last, String severity, long count) {
        return t.row(WITH_BASELINE).set("incident_id", id).set("opened_at", "2026-11-20T" + opened + "Z")
                .set("last_signal_at", "2026-11-20T" + last + "Z").set("severity", severity)
                .set("title", "production " + id).set("signal_count", count);
    }

    private static TableRows incidentDiffs() {
        TableRows t = new TableRows("incident_diffs", INCIDENT_DIFFS);
        diff(t, "c-1", "EXACT", List.of("b-1"), List.of("r-1"), 2, 0, 0, 1.0, List.of());
        diff(t, "c-2", "CHANGED", List.of("b-2"), List.of("r-2"), 2, 1, 1, 0.5, List.of("severity: major -> critical"));
        diff(t, "c-3", "SPLIT", List.of("b-3"), List.of("r-4", "r-5"), 4, 0, 0, 1.0,
                List.of("severity: critical -> major"));
        diff(t, "c-4", "MISSING", List.of("b-4"), List.of(), 0, 2, 0, 0.0, List.of());
        diff(t, "c-5", "NEW", List.of(), List.of("r-3"), 0, 0, 2, 0.0, List.of());
        return t;
    }

    private static void diff(TableRows t, String id, String cls, List<String> b, List<String> r, long shared,
            long bOnly, long rOnly, double jaccard, List<String> changes) {
        List<Row> pairs = b.isEmpty() || r.isEmpty() ? List.of()
                : r.stream().map(ri -> RowFactory.create(b.get(0), ri, shared / r.size(), jaccard / r.size())).toList();
        t.row(WITH_BASELINE).set("component_id", id).set("class", cls).set("baseline_incident_ids", b)
                .set("replay_incident_ids", r).set("shared_signals", shared).set("baseline_only_signals", bOnly)
                .set("replay_only_signals", rOnly).set("jaccard", jaccard).set("pairs", pairs).set("changes", changes);
    }

    private static TableRows parity() {
        return new TableRows("parity_report", PARITY).row(WITH_BASELINE).set("baseline_incidents", 4L)
                .set("replay_incidents", 5L).set("exact", 1L).set("changed", 1L).set("split", 1L).set("merged", 0L)
                .set("missing", 1L).set("new", 1L).set("reshaped", 0L).set("incident_parity", 0.25)
                .set("bcubed_precision", 0.8125).set("bcubed_recall", 0.75).set("bcubed_f1", 0.78)
                .set("suppression_agreement", 0.875).set("missing_critical", 1L).set("quarantined", 2L)
                .set("quarantined_by_reason", Map.of("null_signal_id", 1L, "invalid_ts", 1L))
                .set("unknown_severity", 0L).set("baseline_conflicts", 0L).set("confidence", "medium")
                .set("confidence_reasons", List.of("2 rows quarantined", "the baseline has no fingerprints"))
                .set("gates", List.of(RowFactory.create("min_incident_parity", 0.95, 0.25, false),
                        RowFactory.create("max_missing_critical", 0.0, 1.0, false),
                        RowFactory.create("max_page_delay", 60.0, 40.0, true)))
                .set("gates_passed", false).set("pages_added", 1L).set("pages_removed", 1L)
                .set("max_page_delay", 40.0);
    }

    private static TableRows replayActions() {
        TableRows t = new TableRows("replay_actions", ACTIONS);
        String oncall = "page edge-oncall when {severity=~\"critical|major\"}, cooldown 10m (action page-oncall)";
        action(t, WITH_BASELINE, "r-1", "page-oncall", "page", "edge-oncall", "10:01:00", false, oncall);
        action(t, WITH_BASELINE, "r-2", "page-payload", "page", TARGET_PAYLOAD, "10:02:00", false, RULE_PAYLOAD);
        action(t, WITH_BASELINE, "r-3", "ticket-minor", "ticket", "EDGE", "10:05:40", false,
                "ticket EDGE for every incident (action ticket-minor)");
        action(t, WITH_BASELINE, "r-5", "page-oncall", "page", "edge-oncall", "10:07:30", true, oncall);
        action(t, NO_BASELINE, "rn-1", "notify", "notify", "#edge", "10:01:00", false,
                "notify #edge for every incident (action notify)");
        return t;
    }

    private static TableRows baselineActions() {
        TableRows t = new TableRows("baseline_actions", ACTIONS);
        action(t, WITH_BASELINE, "b-1", "pd-1", "page", "edge-oncall", "10:00:20", false, null);
        action(t, WITH_BASELINE, "b-4", "pd-2", "page", "db-oncall", "10:08:30", false, null);
        return t;
    }

    private static void action(TableRows t, String execution, String incident, String id, String kind, String target,
            String at, boolean held, String rule) {
        t.row(execution).set("incident_id", incident).set("action_id", id).set("kind", kind).set("target", target)
                .set("fires_at", "2026-11-20T" + at + "Z").set("held_by_cooldown", held).set("rule", rule);
    }

    private static TableRows actionDiffs() {
        TableRows t = new TableRows("action_diffs", ACTION_DIFFS);
        t.row(WITH_BASELINE).set("component_id", "c-1").set("kind", "page").set("target", "edge-oncall")
                .set("class", "KEPT").set("baseline_firings", 1L).set("replay_firings", 1L)
                .set("baseline_first_at", "2026-11-20T10:00:20Z").set("replay_first_at", "2026-11-20T10:01:00Z")
                .set("shift_seconds", 40.0);
        t.row(WITH_BASELINE).set("component_id", "c-2").set("kind", "page").set("target", TARGET_PAYLOAD)
                .set("class", "ADDED").set("baseline_firings", 0L).set("replay_firings", 1L)
                .set("replay_first_at", "2026-11-20T10:02:00Z");
        t.row(WITH_BASELINE).set("component_id", "c-4").set("kind", "page").set("target", "db-oncall")
                .set("class", "REMOVED").set("baseline_firings", 1L).set("replay_firings", 0L)
                .set("baseline_first_at", "2026-11-20T10:08:30Z");
        t.row(WITH_BASELINE).set("component_id", "c-5").set("kind", "ticket").set("target", "EDGE")
                .set("class", "ADDED").set("baseline_firings", 0L).set("replay_firings", 1L)
                .set("replay_first_at", "2026-11-20T10:05:40Z");
        return t;
    }

    private static TableRows correlationDiffs() {
        TableRows t = new TableRows("correlation_diffs", CORRELATION_DIFFS);
        // A diff row carries its signal's ts, as the replay writes it.
        String[][] rows = {{"s-03", "b-2", "r-2", "c-2", "10:02:00"}, {"s-04", "b-2", "r-2", "c-2", "10:03:00"},
                {"s-05", null, "r-2", "c-2", "10:03:30"}, {"s-06", "b-2", null, "c-2", "10:04:00"},
                {"s-07", null, "r-3", "c-5", "10:05:00"}, {"s-08", null, "r-3", "c-5", "10:05:40"},
                {"s-09", "b-3", "r-4", "c-3", "10:06:00"}, {"s-10", "b-3", "r-4", "c-3", "10:06:20"},
                {"s-11", "b-3", "r-5", "c-3", "10:07:00"}, {"s-12", "b-3", "r-5", "c-3", "10:07:30"},
                {"s-13", "b-4", null, "c-4", "10:08:00"}, {"s-14", "b-4", null, "c-4", "10:09:00"}};
        for (String[] r : rows) {
            t.row(WITH_BASELINE).set("signal_id", r[0]).set("ts", "2026-11-20T" + r[4] + "Z").set("before", r[1])
                    .set("after", r[2]).set("rule", r[0].equals("s-13") ? "pop-down-inhibits-hosts" : "grouping")
                    .set("reason", "moved " + r[1] + " -> " + r[2]).set("component_id", r[3]).set("class", "x");
        }
        return t;
    }

    private static TableRows suppressionDiffs() {
        return new TableRows("suppression_diffs", SUPPRESSION_DIFFS)
                .row(WITH_BASELINE).set("signal_id", "s-13").set("ts", "2026-11-20T10:08:00Z")
                .set("after", "pop-down-inhibits-hosts").set("rule", "pop-down-inhibits-hosts")
                .set("reason", "suppressed by pop-down-inhibits-hosts; the baseline kept it in incident b-4")
                .set("change", "newly_suppressed")
                .row(WITH_BASELINE).set("signal_id", "s-16").set("ts", "2026-11-20T10:09:20Z")
                .set("before", "drop-info")
                .set("after", "fra1-maintenance").set("rule", "fra1-maintenance")
                .set("reason", "suppressed by fra1-maintenance instead of drop-info").set("change", "rule_changed");
    }

    private static TableRows ruleImpact() {
        TableRows t = new TableRows("rule_impact", RULE_IMPACT);
        t.row(WITH_BASELINE).set("rule_id", "drop-info").set("kind", "drop").set("position", 0)
                .set("signals_changed", 0L).set("incidents_affected", 0L);
        t.row(WITH_BASELINE).set("rule_id", "pop-down-inhibits-hosts").set("kind", "inhibit").set("position", 1)
                .set("signals_changed", 1L).set("incidents_affected", 1L);
        t.row(WITH_BASELINE).set("rule_id", "grouping").set("kind", "grouping").set("signals_changed", 11L)
                .set("incidents_affected", 7L);
        t.row(WITH_BASELINE).set("rule_id", "fingerprint").set("kind", "fingerprint").set("signals_changed", 1L)
                .set("incidents_affected", 1L);
        return t;
    }

    private static TableRows blastRadius() {
        TableRows t = new TableRows("blast_radius", BLAST_RADIUS);
        Object[][] rows = {{"pop", "ams2", 2L, 3L, 8L, 0L}, {"pop", "ber1", 1L, 0L, 2L, 1L},
                {"pop", "fra1", 1L, 2L, 2L, 0L},
                {"region", "eu-west", 4L, 5L, 12L, 1L}, {"service", "edge", 4L, 5L, 12L, 1L}};
        for (Object[] r : rows) {
            t.row(WITH_BASELINE).set("dimension", r[0]).set("value", r[1]).set("baseline_incidents", r[2])
                    .set("replay_incidents", r[3]).set("changed_signals", r[4]).set("newly_suppressed", r[5]);
        }
        return t;
    }
}
