package io.traceflux.policy;

import static io.traceflux.policy.Matcher.Op.EQ;
import static io.traceflux.policy.Matcher.Op.NE;
import static io.traceflux.policy.Matcher.Op.RE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.policy.FingerprintField.Normalize;
import io.traceflux.policy.SuppressionRule.Drop;
import io.traceflux.policy.SuppressionRule.Inhibit;
import io.traceflux.policy.SuppressionRule.Maintenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    /** The SPEC 3.3 example; its hash was computed with PyYAML and Python's json and hashlib. */
    static final String SPEC_EXAMPLE_SHA256 = "a6794563f5c5137684d0c53947f97cd72511dcb9ecac473d7ab647d1ade12f47";

    @TempDir
    Path dir;

    static Path specExample() throws Exception {
        return Path.of(PolicyLoaderTest.class.getResource("edge-correlation/v3.yaml").toURI());
    }

    @Test
    void loadsTheSpecExampleIntoRecords() throws Exception {
        Path file = specExample();
        Policy expected = new Policy(
                "edge-correlation", 3, "Group edge alerts per POP; POP outages inhibit host alerts.",
                Map.of("fatal", Severity.CRITICAL, "error", Severity.MAJOR, "warn", Severity.WARNING),
                List.of(field("check"), field("service"), new FingerprintField("host", Optional.of(new Normalize("-[0-9]+$", "")))),
                Optional.of(Duration.ofMinutes(5)),
                List.of(
                        new Drop("drop-info", List.of(new Matcher("severity", RE, "info|unknown", "severity=~\"info|unknown\""))),
                        new Maintenance("fra1-maintenance", List.of(new Matcher("pop", EQ, "fra1", "pop=\"fra1\"")),
                                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T11:00:00Z")),
                        new Inhibit("pop-down-inhibits-hosts",
                                List.of(new Matcher("check", EQ, "pop_unreachable", "check=\"pop_unreachable\"")),
                                List.of(new Matcher("check", NE, "pop_unreachable", "check!=\"pop_unreachable\"")),
                                List.of("pop"), Duration.ofMinutes(2))),
                new CorrelationSpec(List.of("region", "pop"), Duration.ofMinutes(2), Optional.of(Duration.ofMinutes(30)), 2),
                "{count} signals in {region}/{pop}",
                List.of(),
                new GovernanceSpec(1, Map.of("min_incident_parity", 0.95, "max_missing_critical", 0.0), List.of("region=eu-west")),
                SPEC_EXAMPLE_SHA256, file, Files.readString(file));

        Policy policy = PolicyLoader.load(file);

        assertThat(policy).isEqualTo(expected);
        assertThat(policy.severityMap().keySet()).containsExactly("fatal", "error", "warn");
        assertThat(policy.governance().gates().keySet()).containsExactly("min_incident_parity", "max_missing_critical");
        assertThat(policy.ref()).isEqualTo("edge-correlation@v3");
    }

    @Test
    void loadsActionsWithTheirDefaults() {
        Policy policy = PolicyLoader.load(PolicyYaml.minimal().set("actions", "["
                + "{id: page-edge-oncall, when: ['severity=~\"critical|major\"', 'region=\"eu-west\"'], min_signals: 3,"
                + " do: {page: edge-oncall}, cooldown: 30m}, {id: ticket, do: {ticket: EDGE}}]").write(dir));

        assertThat(policy.actions()).containsExactly(
                new ActionRule("page-edge-oncall", List.of(new Matcher("severity", RE, "critical|major", "severity=~\"critical|major\""),
                        new Matcher("region", EQ, "eu-west", "region=\"eu-west\"")), 3, ActionKind.PAGE, "edge-oncall",
                        Optional.of(Duration.ofMinutes(30))),
                new ActionRule("ticket", List.of(), 1, ActionKind.TICKET, "EDGE", Optional.empty()));
        assertThat(PolicyLoader.load(PolicyYaml.minimal().write(dir)).actions()).isEmpty();
    }

    @Test
    void absentOptionalKeysTakeTheirDefaults() {
        Policy policy = PolicyLoader.load(PolicyYaml.minimal().write(dir));

        assertThat(policy.description()).isEmpty();
        assertThat(policy.severityMap()).isEmpty();
        assertThat(policy.dedupWindow()).isEmpty();
        assertThat(policy.suppression()).isEmpty();
        assertThat(policy.correlation()).isEqualTo(new CorrelationSpec(List.of(), Duration.ofMinutes(2), Optional.empty(), 1));
        assertThat(policy.titleTemplate()).isEqualTo("{count} signals");
        assertThat(policy.governance()).isEqualTo(GovernanceSpec.none());
    }

    @Test
    void acceptsZeroDurationsWhereTheyMeanSomething() {
        Policy policy = PolicyLoader.load(PolicyYaml.minimal()
                .set("correlation", "{gap: 0s}")
                .set("dedup", "{window: 0ms}")
                .set("suppression", "[{id: a, maintenance: {from: '2026-11-20 10:00:00', to: '2026-11-20T10:00:00.000001Z'}}]")
                .write(dir));

        assertThat(policy.correlation().gap()).isZero();
        assertThat(policy.dedupWindow()).contains(Duration.ZERO);
        assertThat(policy.suppression()).containsExactly(new Maintenance("a", List.of(),
                Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:00:00.000001Z")));
    }

    @Test
    void jsonAndYmlFilesLoadWithTheSameHashAsYaml() throws Exception {
        String json = "{\"policy\": \"p\", \"version\": 1, \"fingerprint\": {\"fields\": [\"check\"]},\n"
                + " \"correlation\": {\"gap\": \"2m\"}}\n";
        Path jsonFile = Files.writeString(Files.createDirectories(dir.resolve("p")).resolve("v1.json"), json);
        Path ymlFile = Files.writeString(dir.resolve("p/v1.yml"), PolicyYaml.minimal().text());
        Path yamlFile = PolicyYaml.minimal().write(dir);

        Policy fromJson = PolicyLoader.load(jsonFile);

        assertThat(fromJson.text()).isEqualTo(json);
        assertThat(fromJson.sha256()).isEqualTo(PolicyLoader.load(yamlFile).sha256()).isEqualTo(PolicyLoader.load(ymlFile).sha256());
    }

    @Test
    void reportsEveryErrorOfTheFileInOneMessage() {
        Path file = PolicyYaml.minimal()
                .set("version", "2")
                .set("correlation", "{gap: 2 m, min_signals: 0}")
                .set("dedup", "{window: 5m, size: 3}")
                .write(dir);

        assertThatThrownBy(() -> PolicyLoader.load(file))
                .isInstanceOf(PolicyValidationException.class)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(String.join("\n",
                        file + ":2: version: must equal the N of the file name v1.yaml, got 2",
                        file + ":4: correlation.gap: invalid duration \"2 m\": write a whole number and one unit (ms, s, m or h), e.g. 500ms, 90s, 2m, 1h",
                        file + ":4: correlation.min_signals: must be at least 1, got 0",
                        file + ":5: dedup.size: unknown key (allowed here: window)"));
    }

    @Test
    void reportsLinesInsideBlockStyle() {
        Path file = PolicyYaml.minimal().set("suppression", String.join("\n",
                "",
                "  - id: a",
                "    drop:",
                "      - 'pop=\"fra1\"'",
                "      - 'pop=fra1'",
                "  - id: b",
                "    inhibit:",
                "      source: ['check=\"x\"']",
                "      target: ['check=\"y\"']",
                "      within: soon")).write(dir);

        assertThatThrownBy(() -> PolicyLoader.load(file)).hasMessage(String.join("\n",
                file + ":9: suppression[0].drop[1]: invalid matcher 'pop=fra1': the value must be in double quotes, like service=\"api\"",
                file + ":14: suppression[1].inhibit.within: invalid duration \"soon\": write a whole number and one unit (ms, s, m or h), e.g. 500ms, 90s, 2m, 1h"));
    }

    @Test
    void aMissingOrUnreadableFileIsInvalidInput() throws Exception {
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("p/v1.yaml")))
                .isExactlyInstanceOf(InvalidInputException.class)
                .hasMessage("policy file not found: " + dir.resolve("p/v1.yaml"));
        Path latin1 = Files.write(Files.createDirectories(dir.resolve("p")).resolve("v1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9});
        assertThatThrownBy(() -> PolicyLoader.load(latin1)).hasMessage(latin1 + ":1: not UTF-8 text (byte 0xE9 at offset 3)");
    }

    private static FingerprintField field(String name) {
        return new FingerprintField(name, Optional.empty());
    }
}
