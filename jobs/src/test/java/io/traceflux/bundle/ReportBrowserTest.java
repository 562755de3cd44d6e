package io.traceflux.bundle;

import static io.traceflux.bundle.BundleFixture.WITH_BASELINE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.traceflux.SparkTestBase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in a real headless Chromium with no network and checks the rendered DOM:
 * one bar per incident per side with its class, figures and gates equal to parity.json, no
 * request made, no payload executed. Fails without chromium when {@code CI} is set.
 *
 * <p>It also takes the screenshot in docs/: {@code -Dtraceflux.screenshot=<png>} writes it
 * there, and {@code -Dtraceflux.screenshot.report=<report.html>} takes it of another bundle's
 * report (the sample's) instead of the fixture's.
 */
class ReportBrowserTest extends SparkTestBase {

    private static final Pattern FIGURE = Pattern.compile(
            "<div class=\"figure\" data-figure=\"([a-z_0-9]+)\" data-value=\"([^\"]*)\"><span class=\"label\">[^<]*"
                    + "</span><span class=\"value\">([^<]*)</span></div>");
    private static final Pattern MARK = Pattern.compile("<circle [^>]*class=\"mark [^>]*>");
    private static final Pattern GATE = Pattern.compile("<tr data-gate=\"([a-z_]+)\" data-passed=\"([a-z]+)\">");

    @TempDir
    static Path root;

    static HeadlessChromium chromium;
    static Path dir;
    static String dom;

    @BeforeAll
    static void openReport() {
        chromium = HeadlessChromium.require();
        Path warehouse = BundleFixture.shared(spark);
        dir = Path.of(WriteBundle.with(spark).warehouse(warehouse.toString()).executionId(WITH_BASELINE)
                .outDir(root.resolve("out").toString())
                .clock(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC)).execute().dir());
        dom = chromium.dumpDom(url(dir.resolve("report.html")));
    }

    @Test
    void timelineHasOneBarPerIncidentPerSideWithTheClassOfItsComponent() {
        Map<String, String> classes = new TreeMap<>();
        for (JsonNode c : BundleFiles.jsonLines(dir, "tables/incident_diffs.jsonl")) {
            String cls = c.get("class").asText();
            c.get("baseline_incident_ids").forEach(id -> classes.put("baseline " + id.asText(), cls));
            c.get("replay_incident_ids").forEach(id -> classes.put("replay " + id.asText(), cls));
        }
        Map<String, String> drawn = new TreeMap<>();
        for (BundleFiles.Bar bar : BundleFiles.bars(dom)) {
            assertThat(drawn.put(bar.side() + " " + bar.incidentId(), bar.cls())).as("one bar each").isNull();
        }
        assertThat(drawn).isEqualTo(classes);
        assertThat(drawn.keySet().stream().filter(k -> k.startsWith("baseline "))).hasSize(
                BundleFiles.jsonLines(dir, "tables/baseline_incidents.jsonl").size()).hasSize(4);
        assertThat(drawn.keySet().stream().filter(k -> k.startsWith("replay "))).hasSize(
                BundleFiles.jsonLines(dir, "tables/replay_incidents.jsonl").size()).hasSize(5);
        assertThat(dom).contains("data-bound=\"window start\"", "data-bound=\"window end\"");
    }

    @Test
    void figuresAndGatesMatchParityJson() throws IOException {
        JsonNode parity = BundleFiles.json(dir, "parity.json");
        Matcher figure = FIGURE.matcher(dom);
        List<String> shown = new ArrayList<>();
        while (figure.find()) {
            String key = figure.group(1);
            shown.add(key);
            assertThat(BundleJson.MAPPER.readTree(figure.group(2).replace("&quot;", "\""))).as(key)
                    .isEqualTo(parity.get(key));
            String expected = parity.get(key).isNull() ? "n/a" : key.equals("max_page_delay")
                    ? Formats.number(parity.get(key).asDouble()) : parity.get(key).isFloatingPointNumber()
                    ? Formats.ratio(parity.get(key).asDouble()) : parity.get(key).asText();
            assertThat(figure.group(3)).as(key).isEqualTo(expected);
        }
        assertThat(shown).containsExactly("incident_parity", "baseline_incidents", "replay_incidents", "exact",
                "changed", "split", "merged", "reshaped", "missing", "new", "bcubed_precision", "bcubed_recall",
                "bcubed_f1", "fingerprint_agreement", "suppression_agreement", "missing_critical", "quarantined",
                "unknown_severity", "baseline_conflicts", "pages_added", "pages_removed", "max_page_delay");
        Map<String, String> gates = new TreeMap<>();
        Matcher gate = GATE.matcher(dom);
        while (gate.find()) {
            gates.put(gate.group(1), gate.group(2));
        }
        Map<String, String> expected = new TreeMap<>();
        parity.get("gates").forEach(g -> expected.put(g.get("name").asText(), g.get("passed").asText()));
        assertThat(gates).isEqualTo(expected).hasSize(3);
    }

    @Test
    void eachFiringIsMarkedOnItsIncidentOnBothSidesAndAPageThatMovedLaterShows() {
        List<String> marks = new ArrayList<>();
        Matcher circle = MARK.matcher(dom);
        while (circle.find()) {
            Map<String, String> a = attributes(circle.group());
            marks.add(a.get("data-side") + " " + a.get("data-incident-id") + " " + a.get("data-kind")
                    + (circle.group().contains(" held\"") ? " held" : "")
                    + (a.containsKey("data-shift-seconds") ? " shift " + a.get("data-shift-seconds") : ""));
        }
        assertThat(marks).containsExactlyInAnyOrder("baseline b-1 page", "baseline b-4 page",
                "replay r-1 page shift 40", "replay r-2 page", "replay r-3 ticket", "replay r-5 page held");
        assertThat(BundleFiles.jsonLines(dir, "tables/replay_actions.jsonl").size()
                + BundleFiles.jsonLines(dir, "tables/baseline_actions.jsonl").size()).isEqualTo(marks.size());
        assertThat(dom).containsPattern("<line class=\"shift later\"[^>]*><title>page edge-oncall: 40 s later than "
                + "the baseline</title></line>");
    }

    @Test
    void actionTargetsAndRulesShowAsTextAndNeverRun() {
        assertThat(dom).doesNotContain("data-pwned");
        assertThat(dom).contains("\"&gt;&lt;script&gt;document.body.dataset.pwned='3'&lt;/script&gt;oncall",
                "page &lt;img src=x onerror=document.body.dataset.pwned=4&gt; when {}");
        assertThat(dom).contains("<section id=\"actions\">", "<ul id=\"page-changes\">");
    }

    @Test
    void noRequestLeftThePage() {
        assertThat(dom).contains("data-resources=\"0\"", "data-csp-violations=\"0\"");
    }

    @Test
    void escapedPayloadsShowAsTextAndNeverRun() {
        assertThat(dom).doesNotContain("data-pwned", "<img");
        assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;",
                "&lt;img src=x onerror=document.body.dataset.pwned=1&gt;",
                "&lt;/title&gt;&lt;script&gt;document.documentElement.dataset.pwned='2'&lt;/script&gt;");
    }

    @Test
    void aLinkedPanelListsTheIncidentsMembers() {
        String panel = BundleFiles.panelOf(dom, "replay", "r-2");
        String linked = chromium.dumpDom(url(dir.resolve("report.html")) + "#" + panel);
        String open = linked.substring(linked.indexOf("<div class=\"panel\" id=\"" + panel + "\">"));
        open = open.substring(0, open.indexOf("</div>"));
        assertThat(Pattern.compile("<td>(s-\\d+)</td>").matcher(open).results().map(m -> m.group(1)))
                .containsExactly("s-03", "s-04", "s-05");
        assertThat(open).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(linked).contains("data-panel=\"" + panel + "\"><title>").doesNotContain("data-pwned");
        assertThat(Pattern.compile("<div class=\"panel\" id=\"panel-\\d+\">").matcher(linked).results()).hasSize(1);
    }

    @Test
    void theProbesSeeARequestAndAnUnescapedPayload() throws IOException {
        String html = BundleFiles.text(dir, "report.html");
        Path requesting = root.resolve("requesting.html");
        Files.writeString(requesting, html.replace("<body>\n", "<body>\n<img src=\"https://example.invalid/x.png\">"));
        assertThat(chromium.dumpDom(url(requesting))).contains("data-resources=\"1\"", "data-csp-violations=\"1\"");
        Path unescaped = root.resolve("unescaped.html");
        Files.writeString(unescaped, "<!DOCTYPE html><html><body>" + BundleFixture.IMG_PAYLOAD + "</body></html>");
        assertThat(chromium.dumpDom(url(unescaped))).contains("data-pwned=\"1\"");
    }

    @Test
    void screenshotOfTheReport() throws IOException {
        String report = System.getProperty("traceflux.screenshot.report");
        Path source = report != null ? Path.of(report) : dir.resolve("report.html");
        String target = System.getProperty("traceflux.screenshot");
        Path png = target != null ? Path.of(target) : root.resolve("report-screenshot.png");
        Files.deleteIfExists(png);
        chromium.screenshot(url(source), png, 1200, 1500);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
        assertThat(header.getInt()).isEqualTo(1200);
        assertThat(header.getInt()).isEqualTo(1500);
    }

    private static Map<String, String> attributes(String element) {
        Map<String, String> attrs = new TreeMap<>();
        Matcher a = Pattern.compile("(data-[a-z-]+)=\"([^\"]*)\"").matcher(element);
        while (a.find()) {
            attrs.put(a.group(1), a.group(2));
        }
        return attrs;
    }

    private static String url(Path file) {
        return file.toUri().toString();
    }
}
