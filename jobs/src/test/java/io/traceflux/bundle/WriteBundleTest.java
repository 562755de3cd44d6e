package io.traceflux.bundle;

import static io.traceflux.bundle.BundleFixture.NO_BASELINE;
import static io.traceflux.bundle.BundleFixture.WITH_BASELINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBundleTest extends SparkTestBase {

    static final Instant WRITTEN_AT = Instant.parse("2026-11-25T12:00:00.123Z");

    static final List<String> FILES_WITH_BASELINE = List.of("manifest.json", "parity.json", "policy/v3.yaml",
            "report.html", "signals/changed.csv", "signals/changed.jsonl", "signals/missing.csv",
            "signals/missing.jsonl", "signals/new.csv", "signals/new.jsonl", "signals/newly_suppressed.csv",
            "signals/newly_suppressed.jsonl", "summary.md", "tables/action_diffs.csv", "tables/action_diffs.jsonl",
            "tables/baseline_actions.csv", "tables/baseline_actions.jsonl", "tables/baseline_incidents.csv",
            "tables/baseline_incidents.jsonl", "tables/blast_radius.csv", "tables/blast_radius.jsonl",
            "tables/correlation_diffs.csv", "tables/correlation_diffs.jsonl", "tables/fingerprint_diffs.csv",
            "tables/fingerprint_diffs.jsonl", "tables/incident_diffs.csv", "tables/incident_diffs.jsonl",
            "tables/replay_actions.csv", "tables/replay_actions.jsonl",
            "tables/replay_incidents.csv", "tables/replay_incidents.jsonl", "tables/rule_impact.csv",
            "tables/rule_impact.jsonl", "tables/suppression_diffs.csv", "tables/suppression_diffs.jsonl");

    static final List<String> FILES_NO_BASELINE = List.of("manifest.json", "parity.json", "policy/v3.yaml",
            "report.html", "summary.md", "tables/replay_actions.csv", "tables/replay_actions.jsonl",
            "tables/replay_incidents.csv", "tables/replay_incidents.jsonl");

    @TempDir
    static Path root;

    static Path warehouse;
    static BundleResult result;
    static Path dir;

    @BeforeAll
    static void writeBundle() {
        warehouse = BundleFixture.shared(spark);
        result = write(WITH_BASELINE, root.resolve("out"), WRITTEN_AT);
        dir = Path.of(result.dir());
    }

    static BundleResult write(String executionId, Path out, Instant at) {
        return WriteBundle.with(spark).warehouse(warehouse.toString()).executionId(executionId)
                .outDir(out.toString()).clock(Clock.fixed(at, ZoneOffset.UTC)).execute();
    }

    @Test
    void writesFolderAndZipBesideIt() {
        assertThat(result.dir()).isEqualTo(root.resolve("out/exec-b").toString());
        assertThat(result.zip()).isEqualTo(root.resolve("out/exec-b.zip").toString());
        List<String> expected = new ArrayList<>(List.of("exec-b.zip"));
        FILES_WITH_BASELINE.forEach(f -> expected.add("exec-b/" + f));
        assertThat(BundleFiles.all(root.resolve("out")).keySet()).containsExactlyElementsOf(expected);
        assertThat(result.hasBaseline()).isTrue();
    }

    @Test
    void manifestListsSizeAndHashOfEveryOtherFile() {
        TreeMap<String, byte[]> files = BundleFiles.all(dir);
        JsonNode manifest = BundleFiles.json(dir, "manifest.json");
        Map<String, String> listed = new TreeMap<>();
        for (JsonNode f : manifest.get("files")) {
            byte[] bytes = files.get(f.get("path").asText());
            assertThat(f.get("size").asLong()).isEqualTo(bytes.length);
            listed.put(f.get("path").asText(), f.get("sha256").asText());
        }
        Map<String, String> actual = new TreeMap<>();
        files.forEach((path, bytes) -> actual.put(path, Sha256.hex(bytes)));
        actual.remove("manifest.json");
        assertThat(listed).isEqualTo(actual);
        assertThat(result.files()).extracting(BundleFile::path).containsExactlyElementsOf(actual.keySet());
        assertThat(manifest.get("manifest_sha256").asText()).isEqualTo(result.manifestSha256()).hasSize(64);
        assertThat(manifest.get("written_at").asText()).isEqualTo("2026-11-25T12:00:00.123Z");
    }

    @Test
    void manifestRecordsLineage() {
        JsonNode lineage = BundleFiles.json(dir, "manifest.json").get("lineage");
        assertThat(lineage.at("/execution/id").asText()).isEqualTo(WITH_BASELINE);
        assertThat(lineage.at("/execution/triggered_by").asText()).isEqualTo("alice");
        assertThat(lineage.at("/execution/finished_at").asText()).isEqualTo("2026-11-21T08:01:30.250Z");
        assertThat(lineage.at("/capture/id").asText()).isEqualTo("cap-1");
        assertThat(lineage.at("/capture/version").asLong()).isEqualTo(7L);
        assertThat(lineage.at("/policy/id").asText()).isEqualTo("edge-correlation");
        assertThat(lineage.at("/policy/version").asInt()).isEqualTo(3);
        assertThat(lineage.at("/policy/sha256").asText()).isEqualTo("5f".repeat(32));
        assertThat(lineage.at("/policy/file").asText()).isEqualTo("policy/v3.yaml");
        assertThat(lineage.at("/baseline/spec").asText()).isEqualTo("production");
        assertThat(lineage.at("/scope").asText()).isEqualTo("region=eu-west");
        assertThat(lineage.at("/window/start").asText()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(lineage.at("/window/end").asText()).isEqualTo("2026-11-20T10:10:00Z");
        assertThat(lineage.at("/runtime/spark_version").asText()).isEqualTo("3.5.8");
        assertThat(lineage.at("/runtime/delta_version").isNull()).isTrue();
        assertThat(lineage.at("/rows").toString())
                .isEqualTo("{\"input_rows\":20,\"selected_rows\":16,\"quarantined_rows\":2,\"incidents\":5}");
        assertThat(BundleFiles.text(dir, "policy/v3.yaml")).isEqualTo(BundleFixture.POLICY_TEXT);
    }

    @Test
    void manifestCountsRowsPerTable() {
        JsonNode tables = BundleFiles.json(dir, "manifest.json").get("tables");
        assertThat(tables.at("/tables/correlation_diffs").toString())
                .isEqualTo("{\"present\":true,\"rows\":12,\"written\":12}");
        assertThat(tables.at("/tables/approvals").toString()).isEqualTo("{\"present\":false}");
        assertThat(tables.at("/signals/changed").toString()).isEqualTo("{\"present\":true,\"rows\":8,\"written\":8}");
        assertThat(tables.at("/caps/signal_rows").asInt()).isEqualTo(WriteBundle.DEFAULT_SIGNAL_ROWS);
    }

    @Test
    void parityJsonIsTheReportRowWithGates() {
        JsonNode parity = BundleFiles.json(dir, "parity.json");
        assertThat(parity.get("incident_parity").asDouble()).isEqualTo(0.25);
        assertThat(parity.get("fingerprint_agreement").isNull()).isTrue();
        assertThat(parity.get("quarantined_by_reason").toString()).isEqualTo("{\"invalid_ts\":1,\"null_signal_id\":1}");
        assertThat(parity.get("gates").toString()).isEqualTo("[{\"name\":\"min_incident_parity\",\"threshold\":0.95,"
                + "\"actual\":0.25,\"passed\":false},{\"name\":\"max_missing_critical\",\"threshold\":0.0,"
                + "\"actual\":1.0,\"passed\":false},{\"name\":\"max_page_delay\",\"threshold\":60.0,"
                + "\"actual\":40.0,\"passed\":true}]");
        assertThat(parity.get("gates_passed").asBoolean()).isFalse();
        assertThat(List.of(parity.get("pages_added").asLong(), parity.get("pages_removed").asLong(),
                parity.get("max_page_delay").asDouble())).containsExactly(1L, 1L, 40.0);
    }

    @Test
    void signalSectionsHoldTheSignalsOfAffectedIncidents() {
        assertThat(BundleFiles.column(dir, "signals/changed.jsonl", "signal_id"))
                .containsExactly("s-03", "s-04", "s-05", "s-06", "s-09", "s-10", "s-11", "s-12");
        assertThat(BundleFiles.column(dir, "signals/changed.jsonl", "class"))
                .containsExactly("CHANGED", "CHANGED", "CHANGED", "CHANGED", "SPLIT", "SPLIT", "SPLIT", "SPLIT");
        assertThat(BundleFiles.column(dir, "signals/changed.jsonl", "baseline_incident_id"))
                .containsExactly("b-2", "b-2", null, "b-2", "b-3", "b-3", "b-3", "b-3");
        assertThat(BundleFiles.column(dir, "signals/missing.jsonl", "signal_id")).containsExactly("s-13", "s-14");
        assertThat(BundleFiles.column(dir, "signals/missing.jsonl", "decision"))
                .containsExactly("suppressed", "uncorrelated");
        assertThat(BundleFiles.column(dir, "signals/new.jsonl", "signal_id")).containsExactly("s-07", "s-08");
        assertThat(BundleFiles.column(dir, "signals/newly_suppressed.jsonl", "signal_id")).containsExactly("s-13");
        assertThat(BundleFiles.column(dir, "signals/newly_suppressed.jsonl", "diff_rule"))
                .containsExactly("pop-down-inhibits-hosts");
        // s-13 is in two sections; only the one drawn from the correlation diffs takes their before.
        assertThat(BundleFiles.column(dir, "signals/missing.jsonl", "baseline_incident_id"))
                .containsExactly("b-4", "b-4");
        assertThat(BundleFiles.column(dir, "signals/newly_suppressed.jsonl", "baseline_incident_id"))
                .containsExactly((String) null);
    }

    @Test
    void sectionFilesShareOneLayout() {
        String header = "signal_id,ts,service,region,pop,host,check,severity,raw_severity,fingerprint,decision,reason,"
                + "suppressed_by,duplicate_of,incident_id,baseline_incident_id,class,component_id,diff_rule,"
                + "diff_reason,source,status,message,labels\n";
        assertThat(BundleFiles.text(dir, "signals/missing.csv")).isEqualTo(header
                + "s-13,2026-11-20T10:08:00Z,edge,eu-west,ber1,web-13,http,critical,CRITICAL,fp-s-13,suppressed,"
                + "suppressed,pop-down-inhibits-hosts,,,b-4,MISSING,c-4,pop-down-inhibits-hosts,moved b-4 -> null,"
                + ",,,\"{\"\"team\"\":\"\"edge\"\"}\"\n"
                + "s-14,2026-11-20T10:09:00Z,edge,eu-west,ber1,web-14,http,critical,CRITICAL,fp-s-14,uncorrelated,"
                + "uncorrelated,,,,b-4,MISSING,c-4,grouping,moved b-4 -> null,,,,\"{\"\"team\"\":\"\"edge\"\"}\"\n");
    }

    @Test
    void tablesAreSortedByTheirKeys() {
        assertThat(BundleFiles.column(dir, "tables/incident_diffs.jsonl", "component_id"))
                .containsExactly("c-1", "c-2", "c-3", "c-4", "c-5");
        assertThat(BundleFiles.column(dir, "tables/rule_impact.jsonl", "rule_id"))
                .containsExactly("fingerprint", "grouping", "drop-info", "pop-down-inhibits-hosts");
        assertThat(BundleFiles.jsonLines(dir, "tables/incident_diffs.jsonl").get(2).get("pairs").toString())
                .isEqualTo("[{\"baseline_incident_id\":\"b-3\",\"replay_incident_id\":\"r-4\",\"overlap\":2,"
                        + "\"jaccard\":0.5},{\"baseline_incident_id\":\"b-3\",\"replay_incident_id\":\"r-5\","
                        + "\"overlap\":2,\"jaccard\":0.5}]");
    }

    @Test
    void timelineHasOneBarPerIncidentPerSideWithItsClass() {
        List<BundleFiles.Bar> bars = BundleFiles.bars(BundleFiles.text(dir, "report.html"));
        assertThat(bars).containsExactlyInAnyOrder(
                new BundleFiles.Bar("baseline", "b-1", "EXACT"), new BundleFiles.Bar("baseline", "b-2", "CHANGED"),
                new BundleFiles.Bar("baseline", "b-3", "SPLIT"), new BundleFiles.Bar("baseline", "b-4", "MISSING"),
                new BundleFiles.Bar("replay", "r-1", "EXACT"), new BundleFiles.Bar("replay", "r-2", "CHANGED"),
                new BundleFiles.Bar("replay", "r-3", "NEW"), new BundleFiles.Bar("replay", "r-4", "SPLIT"),
                new BundleFiles.Bar("replay", "r-5", "SPLIT"));
    }

    @Test
    void summaryGivesVerdictFiguresGatesAndWorstChangesFirst() {
        String md = BundleFiles.text(dir, "summary.md");
        assertThat(md).startsWith("# Replay exec-b: gates FAILED\n");
        assertThat(md).contains("| Incident parity | 0.2500 |", "| B-cubed F1 | 0.7800 |",
                "| min\\_incident\\_parity | 0.9500 | 0.2500 | **FAILED** |",
                "| max\\_missing\\_critical | 0 | 1 | **FAILED** |",
                "## Confidence: medium\n\n- 2 rows quarantined\n- the baseline has no fingerprints\n",
                "| grouping | grouping | 11 | 7 |\n| fingerprint | fingerprint | 1 | 1 |\n"
                        + "| pop-down-inhibits-hosts | inhibit | 1 | 1 |\n",
                "| **Scope** | region=eu-west |");
        String worst = md.substring(md.indexOf("## Worst changes first"), md.indexOf("## Blast radius"));
        assertThat(worst.lines().filter(l -> l.matches("\\d\\. .*")).map(l -> l.substring(3, l.indexOf(':'))))
                .containsExactly("MISSING \\(critical\\)", "SPLIT \\(critical\\)", "CHANGED \\(critical\\)",
                        "NEW \\(minor\\)");
        assertThat(md).doesNotContain("drop-info |");
    }

    @Test
    void summaryListsAddedAndRemovedPagesFirst() {
        String md = BundleFiles.text(dir, "summary.md");
        String pages = md.substring(md.indexOf("## Who gets paged"), md.indexOf("## What changed vs the baseline"));
        assertThat(md.indexOf("## Who gets paged")).isLessThan(md.indexOf("## What changed vs the baseline"))
                .isGreaterThan(md.indexOf("| **Scope** |"));
        assertThat(pages.lines().filter(l -> l.startsWith("- "))).containsExactly(
                "- " + Markdown.text("ADDED page " + BundleFixture.TARGET_PAYLOAD
                        + ": 1 firing only in the replay, first at 10:02:00.000 (component c-2)"),
                "- " + Markdown.text("REMOVED page db-oncall: 1 firing only in the baseline, first at 10:08:30.000 "
                        + "(component c-4)"),
                "- " + Markdown.text("LATER page edge-oncall: first firing 40 s later (10:01:00.000 instead of "
                        + "10:00:20.000, component c-1)"));
        assertThat(pages).contains("Pages added 1, pages removed 1, largest page delay 40 s.",
                "1 ticket, runbook or notify differences: see tables/action\\_diffs.csv.");
    }

    @Test
    void theActionTablesAreInTheBundleAndTheManifestCountsThem() {
        JsonNode tables = BundleFiles.json(dir, "manifest.json").get("tables").get("tables");
        assertThat(tables.get("replay_actions").toString()).isEqualTo("{\"present\":true,\"rows\":4,\"written\":4}");
        assertThat(tables.get("action_diffs").toString()).isEqualTo("{\"present\":true,\"rows\":4,\"written\":4}");
        assertThat(tables.get("baseline_actions").toString()).isEqualTo("{\"present\":true,\"rows\":2,\"written\":2}");
        assertThat(BundleFiles.column(dir, "tables/replay_actions.jsonl", "incident_id"))
                .containsExactly("r-1", "r-2", "r-3", "r-5");
        assertThat(BundleFiles.column(dir, "tables/action_diffs.jsonl", "class"))
                .containsExactly("KEPT", "ADDED", "REMOVED", "ADDED");
    }

    @Test
    void rewritingGivesByteIdenticalFilesButWrittenAt() throws IOException {
        BundleResult again = write(WITH_BASELINE, root.resolve("again"), Instant.parse("2027-01-02T03:04:05Z"));
        TreeMap<String, byte[]> first = BundleFiles.all(dir);
        TreeMap<String, byte[]> second = BundleFiles.all(Path.of(again.dir()));
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((path, bytes) -> {
            if (!path.equals("manifest.json")) {
                assertThat(second.get(path)).as(path).isEqualTo(bytes);
            }
        });
        List<String> a = new String(first.get("manifest.json"), StandardCharsets.UTF_8).lines().toList();
        List<String> b = new String(second.get("manifest.json"), StandardCharsets.UTF_8).lines().toList();
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                differing.add(b.get(i));
            }
        }
        assertThat(differing).containsExactly("  \"written_at\" : \"2027-01-02T03:04:05Z\",");
        assertThat(again.manifestSha256()).isEqualTo(result.manifestSha256());
    }

    @Test
    void rewritingInPlaceReplacesTheBundle() throws IOException {
        Path out = root.resolve("inplace");
        BundleResult first = write(WITH_BASELINE, out, WRITTEN_AT);
        Files.writeString(Path.of(first.dir()).resolve("stray.txt"), "left behind");
        TreeMap<String, byte[]> before = BundleFiles.all(Path.of(result.dir()));
        write(WITH_BASELINE, out, WRITTEN_AT);
        TreeMap<String, byte[]> after = BundleFiles.all(Path.of(first.dir()));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((path, bytes) -> assertThat(after.get(path)).as(path).isEqualTo(bytes));
        try (var listing = Files.list(out)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted()).containsExactly("exec-b", "exec-b.zip");
        }
    }

    @Test
    void zipHoldsTheSameFilesInManifestOrder() throws IOException {
        TreeMap<String, byte[]> files = BundleFiles.all(dir);
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(result.zip())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                names.add(e.getName());
                try (InputStream in = zip.getInputStream(e)) {
                    assertThat(in.readAllBytes()).as(e.getName()).isEqualTo(files.get(e.getName().substring(7)));
                }
                assertThat(e.getTimeLocal()).isEqualTo(BundleZip.ENTRY_TIME);
            }
        }
        List<String> expected = new ArrayList<>(List.of("exec-b/manifest.json"));
        files.keySet().stream().filter(p -> !p.equals("manifest.json")).forEach(p -> expected.add("exec-b/" + p));
        assertThat(names).containsExactlyElementsOf(expected);
    }

    @Test
    void verifyPassesOnFolderAndZip() {
        VerifyResult folder = VerifyBundle.of(dir).execute();
        assertThat(folder.ok()).isTrue();
        assertThat(folder.checked()).isEqualTo(FILES_WITH_BASELINE.size() - 1);
        assertThat(folder.message()).isEqualTo("OK: 34 files match manifest.json in " + dir);
        assertThat(VerifyBundle.of(Path.of(result.zip())).execute().ok()).isTrue();
    }

    @Test
    void flippingOneByteOfAnyFileFailsNamingThatFile() throws IOException {
        for (String path : FILES_WITH_BASELINE) {
            Path copy = root.resolve("flip").resolve(path.replace('/', '_'));
            TreeMap<String, byte[]> files = BundleFiles.all(dir);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.createDirectories(copy.resolve(f.getKey()).getParent());
                Files.write(copy.resolve(f.getKey()), f.getValue());
            }
            byte[] bytes = files.get(path);
            int middle = bytes.length / 2;
            bytes[middle] ^= 1;
            Files.write(copy.resolve(path), bytes);
            VerifyResult r = VerifyBundle.of(copy).execute();
            assertThat(r.file()).as(path).isEqualTo(path);
            assertThat(r.message()).startsWith("FAILED: " + path + ": ");
        }
    }

    @Test
    void aChangedOrExtraZipEntryIsNamed() throws IOException {
        TreeMap<String, byte[]> files = BundleFiles.all(dir);
        List<String> order = new ArrayList<>(files.keySet());
        Path changed = root.resolve("changed.zip");
        try (var out = Files.newOutputStream(changed)) {
            BundleZip.write(out, "exec-b", order, path -> {
                byte[] bytes = files.get(path).clone();
                if (path.equals("tables/rule_impact.csv")) {
                    bytes[10] ^= 1;
                }
                return new ByteArrayInputStream(bytes);
            });
        }
        VerifyResult r = VerifyBundle.of(changed).execute();
        assertThat(r.file()).isEqualTo("tables/rule_impact.csv");
        assertThat(r.problem()).startsWith("SHA-256 ");
        Path extra = root.resolve("extra.zip");
        order.add("notes.txt");
        files.put("notes.txt", "added later".getBytes(StandardCharsets.UTF_8));
        try (var out = Files.newOutputStream(extra)) {
            BundleZip.write(out, "exec-b", order, path -> new ByteArrayInputStream(files.get(path)));
        }
        assertThat(VerifyBundle.of(extra).execute().message())
                .isEqualTo("FAILED: notes.txt: not listed in the manifest (in " + extra + ")");
    }

    @Test
    void withoutBaselineTheBundleSaysSoAndStillVerifies() {
        BundleResult none = write(NO_BASELINE, root.resolve("none"), WRITTEN_AT);
        Path noneDir = Path.of(none.dir());
        assertThat(BundleFiles.all(noneDir).keySet()).containsExactlyElementsOf(FILES_NO_BASELINE);
        assertThat(none.hasBaseline()).isFalse();
        JsonNode parity = BundleFiles.json(noneDir, "parity.json");
        assertThat(parity.get("report").isNull()).isTrue();
        assertThat(parity.get("note").asText()).startsWith("No baseline:");
        assertThat(BundleFiles.text(noneDir, "summary.md")).startsWith("# Replay exec-n: no baseline\n")
                .contains("> No baseline: this execution was not compared", "| **Scope** | whole capture |",
                        "## Would-be actions\n\ntables/replay\\_actions.csv records 1 would-be firing; nothing was "
                                + "executed, and without a baseline nothing is compared.");
        String html = BundleFiles.text(noneDir, "report.html");
        assertThat(html).contains("id=\"no-baseline\"", "<p id=\"approvals\">No approvals recorded.</p>",
                "<dt>Gates</dt><dd>not evaluated (no baseline)</dd>");
        assertThat(BundleFiles.bars(html)).containsExactly(new BundleFiles.Bar("replay", "rn-1", "UNCOMPARED"),
                new BundleFiles.Bar("replay", "rn-2", "UNCOMPARED"));
        assertThat(VerifyBundle.of(noneDir).execute().ok()).isTrue();
        assertThat(VerifyBundle.of(Path.of(none.zip())).execute().ok()).isTrue();
    }

    @Test
    void absentParityTablesGiveTheSameBundleAsEmptyOnes() {
        Path replayOnly = root.resolve("replay-only");
        for (String table : List.of("executions", "replay_signals", "replay_incidents", "replay_actions")) {
            spark.read().format("delta").load(warehouse.resolve(table).toString())
                    .filter(functions.col("execution_id").equalTo(NO_BASELINE))
                    .write().format("delta").save(replayOnly.resolve(table).toString());
        }
        BundleResult shared = write(NO_BASELINE, root.resolve("none-shared"), WRITTEN_AT);
        BundleResult alone = WriteBundle.with(spark).warehouse(replayOnly.toString()).executionId(NO_BASELINE)
                .clock(Clock.fixed(WRITTEN_AT, ZoneOffset.UTC)).execute();
        assertThat(alone.dir()).isEqualTo(replayOnly.resolve("bundles/exec-n").toString());
        TreeMap<String, byte[]> a = BundleFiles.all(Path.of(shared.dir()));
        TreeMap<String, byte[]> b = BundleFiles.all(Path.of(alone.dir()));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((path, bytes) -> assertThat(b.get(path)).as(path).isEqualTo(bytes));
    }

    @Test
    void capsSignalRowsAndSaysHowManyMore() {
        BundleResult capped = WriteBundle.with(spark).warehouse(warehouse.toString()).executionId(WITH_BASELINE)
                .outDir(root.resolve("capped").toString()).signalRowCap(3)
                .clock(Clock.fixed(WRITTEN_AT, ZoneOffset.UTC)).execute();
        Path cappedDir = Path.of(capped.dir());
        assertThat(BundleFiles.column(cappedDir, "signals/changed.jsonl", "signal_id"))
                .containsExactly("s-03", "s-04", "s-05");
        assertThat(BundleFiles.json(cappedDir, "manifest.json").at("/tables/signals/changed").toString())
                .isEqualTo("{\"present\":true,\"rows\":8,\"written\":3}");
        assertThat(BundleFiles.text(cappedDir, "summary.md"))
                .contains("- signals/changed: 3 of 8 rows; 5 more in the table\n");
        assertThat(BundleFiles.text(cappedDir, "report.html"))
                .contains("3 of 8 rows shown; 3 in signals/changed.csv and signals/changed.jsonl; "
                        + "5 more in the table.");
    }

    @Test
    void signalTextIsEscapedInSummaryAndReport() {
        String md = BundleFiles.text(dir, "summary.md");
        assertThat(md).contains("check &lt;b&gt;bold&lt;/b&gt; &amp; more",
                "&lt;/title&gt;&lt;script&gt;document.documentElement.dataset.pwned='2'&lt;/script&gt;");
        assertThat(md).doesNotContain("<b>", "<script", "<img", "</title>");
        String html = BundleFiles.text(dir, "report.html");
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;",
                "&lt;img src=x onerror=document.body.dataset.pwned=1&gt;",
                "&lt;/title&gt;&lt;script&gt;document.documentElement.dataset.pwned=&#39;2&#39;&lt;/script&gt;",
                "check &lt;b&gt;bold&lt;/b&gt; &amp; more");
        assertThat(html).doesNotContain("<img", "<b>", "</title><script>");
        assertThat(html.split("<script", -1)).hasSize(2);
    }

    @Test
    void reportNeedsNoNetwork() {
        String html = BundleFiles.text(dir, "report.html");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;");
        assertThat(html.replace("http://www.w3.org/2000/svg", ""))
                .doesNotContainPattern("(?i)https?:|<link|<[^>]+\\s(src|href)=|url\\(|@import");
    }

    @Test
    void unknownExecutionIsInvalidInput() {
        assertThatThrownBy(() -> write("nope", root.resolve("nope"), WRITTEN_AT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown execution 'nope': no row in " + warehouse.resolve("executions"));
        assertThat(Files.exists(root.resolve("nope"))).isFalse();
    }

    @Test
    void tableLackingARequiredColumnIsNamed() {
        Path broken = root.resolve("broken");
        spark.read().format("delta").load(warehouse.resolve("executions").toString()).drop("status")
                .write().format("delta").save(broken.resolve("executions").toString());
        assertThatThrownBy(() -> WriteBundle.with(spark).warehouse(broken.toString()).executionId(WITH_BASELINE)
                .execute())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("warehouse table " + broken.resolve("executions") + " lacks required column status");
    }

    @Test
    void badExecutionIdIsInvalidInput() {
        assertThatThrownBy(() -> write("../x", root.resolve("bad"), WRITTEN_AT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("execution id '../x' must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }
}
