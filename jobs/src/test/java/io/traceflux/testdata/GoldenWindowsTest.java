package io.traceflux.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.traceflux.SparkTestBase;
import io.traceflux.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly policy regression, in-process: every (golden window, policy version) pair of
 * test-data/golden/windows.json is replayed against production's baseline, and its headline
 * figures (row counts of {@code executions}, class counts, parity and gates of
 * {@code parity_report}, the exit code) must equal the manifest's. A change that moves one is a
 * behaviour change to explain, then to re-pin in windows.json.
 */
class GoldenWindowsTest extends SparkTestBase {

    static final Path REPO = Path.of(System.getProperty("traceflux.repo", ".."));
    static final Path MANIFEST = REPO.resolve("test-data/golden/windows.json");
    static final List<String> EXECUTION_FIGURES = List.of(
            "input_rows", "selected_rows", "quarantined_rows", "suppressed_rows", "duplicate_rows", "incidents");
    static final List<String> PARITY_FIGURES = List.of(
            "baseline_incidents", "replay_incidents", "exact", "changed", "split", "merged", "missing", "new",
            "reshaped", "gates_passed");

    @TempDir
    static Path warehouse;

    /** One replay of the manifest. */
    record Replay(String window, String capture, String baseline, String policy, JsonNode expected) {

        String executionId() {
            return "golden-" + window + "-" + policy.replace('@', '-');
        }
    }

    @TestFactory
    Stream<DynamicTest> everyWindowAndPolicy() throws IOException {
        return replays().stream().map(r -> DynamicTest.dynamicTest(r.window() + " x " + r.policy(), () -> check(r)));
    }

    static List<Replay> replays() throws IOException {
        List<Replay> all = new ArrayList<>();
        for (JsonNode w : new ObjectMapper().readTree(MANIFEST.toFile()).get("windows")) {
            for (JsonNode r : w.get("replays")) {
                all.add(new Replay(w.get("name").asText(), w.get("capture").asText(), w.get("baseline").asText(),
                        r.get("policy").asText(), r));
            }
        }
        return all;
    }

    private void check(Replay r) {
        int exit = Main.run("replay",
                "--capture", REPO.resolve(r.capture()).toString(),
                "--policy", r.policy(), "--policies", REPO.resolve("policies").toString(),
                "--baseline", r.baseline(),
                "--warehouse", warehouse.toString(), "--execution-id", r.executionId(),
                "--triggered-by", "golden-regression");
        Map<String, Object> actual = figures(r.executionId());
        JsonNode expected = r.expected().get("expected");
        assertThat(exit).as("exit code; figures were %s", actual).isEqualTo(r.expected().get("exit_code").asInt());
        assertThat(actual).as("figures of %s", r.executionId()).isEqualTo(expectedFigures(expected));
        assertThat((Double) row("parity_report", r.executionId()).getAs("incident_parity"))
                .as("incident_parity").isCloseTo(expected.get("incident_parity").asDouble(), within(1e-9));
    }

    private Map<String, Object> figures(String executionId) {
        Map<String, Object> actual = new LinkedHashMap<>();
        Row exec = row("executions", executionId);
        EXECUTION_FIGURES.forEach(f -> actual.put(f, exec.getAs(f)));
        Row parity = row("parity_report", executionId);
        PARITY_FIGURES.forEach(f -> actual.put(f, parity.getAs(f)));
        System.out.printf("%s: %s incident_parity=%s%n", executionId, actual, parity.getAs("incident_parity"));
        return actual;
    }

    private static Map<String, Object> expectedFigures(JsonNode expected) {
        Map<String, Object> figures = new LinkedHashMap<>();
        EXECUTION_FIGURES.forEach(f -> figures.put(f, expected.path(f).isMissingNode() ? null : expected.get(f).asLong()));
        PARITY_FIGURES.forEach(f -> figures.put(f, f.equals("gates_passed")
                ? (Object) expected.path(f).asBoolean() : (Object) expected.path(f).asLong()));
        return figures;
    }

    private Row row(String table, String executionId) {
        return spark.read().format("delta").load(warehouse.resolve(table).toString())
                .filter("execution_id = '" + executionId + "'").first();
    }
}
