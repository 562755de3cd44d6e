package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One invalid policy per test, built from {@link PolicyYaml#minimal()} (lines 1-4: policy,
 * version, fingerprint, correlation; later keys follow in the order set). Each error is shown as
 * {@code LINE PATH: message}.
 */
class PolicyValidationTest {

    private static final String DURATION_HELP = "write a whole number and one unit (ms, s, m or h), e.g. 500ms, 90s, 2m, 1h";
    private static final String NAMES = "names match [A-Za-z_][A-Za-z0-9_./-]*";
    private static final String ONE_MATCHER = "needs at least one matcher, like check=\"pop_unreachable\"";

    @TempDir
    Path dir;

    @Test
    void unknownKeysAtAnyLevel() {
        assertThat(errors(PolicyYaml.minimal()
                .set("fingerprint", "{fields: [{name: host, normalise: {}}]}")
                .set("correlation", "{gap: 2m, gaps: 3m}")
                .set("suppression", "[{id: a, drop: ['x=\"1\"'], dorp: []}]")
                .set("colour", "blue"))).containsExactly(
                "3 fingerprint.fields[0].normalise: unknown key (allowed here: name, normalize)",
                "4 correlation.gaps: unknown key (allowed here: group_by, gap, max_span, min_signals)",
                "5 suppression[0].dorp: unknown key (allowed here: id, drop, maintenance, inhibit)",
                "6 colour: unknown key (allowed here: policy, version, description, severity_map, fingerprint, dedup, "
                        + "suppression, correlation, aggregation, actions, governance)");
    }

    @Test
    void wrongTypes() {
        assertThat(errors(PolicyYaml.minimal()
                .set("version", "\"1\"")
                .set("fingerprint", "{fields: check}")
                .set("correlation", "{gap: 2m, group_by: region}")
                .set("suppression", "{id: a}")
                .set("dedup", "5m")
                .set("description", "[a]")
                .set("governance", "{required_approvals: true}"))).containsExactly(
                "2 version: expected a whole number, got a string",
                "3 fingerprint.fields: expected a list, got a string",
                "4 correlation.group_by: expected a list, got a string",
                "5 suppression: expected a list, got a mapping",
                "6 dedup: expected a mapping with keys window, got a string",
                "7 description: expected a string, got a list",
                "8 governance.required_approvals: expected a whole number, got a boolean");
    }

    @Test
    void missingRequiredKeys() {
        assertThat(errors(new PolicyYaml().set("description", "only this"))).containsExactly(
                "1 policy: required key is missing",
                "1 version: required key is missing",
                "1 fingerprint: required key is missing",
                "1 correlation: required key is missing");
        assertThat(errors(PolicyYaml.minimal()
                .set("fingerprint", "{fields: []}")
                .set("correlation", "{group_by: [pop]}")
                .set("dedup", "{}"))).containsExactly(
                "3 fingerprint.fields: needs at least one field",
                "4 correlation.gap: required key is missing",
                "5 dedup.window: required key is missing");
    }

    @Test
    void policyAndVersionMustMatchTheirPath() {
        assertThat(errors(PolicyYaml.minimal().write(dir, "other", "v2.yaml"))).containsExactly(
                "1 policy: must equal the folder name \"other\", got \"p\"",
                "2 version: must equal the N of the file name v2.yaml, got 1");
        assertThat(errors(PolicyYaml.minimal().write(dir, "p", "v01.yaml"))).containsExactly(
                "0 : the file name \"v01.yaml\" must be v<N>.yaml, v<N>.yml or v<N>.json");
        assertThat(errors(PolicyYaml.minimal().set("policy", "'my policy'").set("version", "0").write(dir, "my policy", "v1.yaml")))
                .containsExactly(
                        "1 policy: invalid policy id \"my policy\": ids match [A-Za-z0-9][A-Za-z0-9._-]{0,127}",
                        "2 version: must be at least 1, got 0");
    }

    @Test
    void badDurations() {
        assertThat(errors(PolicyYaml.minimal()
                .set("correlation", "{gap: 1m30s, max_span: -5m}")
                .set("dedup", "{window: 1.5s}")
                .set("suppression", "[{id: a, inhibit: {source: ['a=\"1\"'], target: ['b=\"1\"'], within: 120}}]"))).containsExactly(
                "4 correlation.gap: invalid duration \"1m30s\": " + DURATION_HELP,
                "4 correlation.max_span: invalid duration \"-5m\": " + DURATION_HELP,
                "5 dedup.window: invalid duration \"1.5s\": " + DURATION_HELP,
                "6 suppression[0].inhibit.within: expected a duration with a unit (ms, s, m or h), like 2m; got the number 120");
    }

    @Test
    void badMatchers() {
        assertThat(errors(PolicyYaml.minimal().set("suppression", "["
                + "{id: a, drop: ['service=api', 'service=\"api', 'service=\"api\" x', '9s=\"x\"', 'host=~\"(a)\\1\"', 42]},"
                + "{id: b, inhibit: {source: ['check'], target: ['check=\"x\"'], within: 1m}}]"))).containsExactly(
                "5 suppression[0].drop[0]: invalid matcher 'service=api': the value must be in double quotes, like service=\"api\"",
                "5 suppression[0].drop[1]: invalid matcher 'service=\"api': unterminated quoted value (a \" inside the value is written \\\")",
                "5 suppression[0].drop[2]: invalid matcher 'service=\"api\" x': unexpected text after the closing quote: x",
                "5 suppression[0].drop[3]: invalid matcher '9s=\"x\"': expected a name at the start, like service=\"api\"",
                "5 suppression[0].drop[4]: invalid matcher 'host=~\"(a)\\1\"': invalid regex: backreferences (\\1 ...) are not "
                        + "supported by RE2: invalid escape sequence: `\\1`",
                "5 suppression[0].drop[5]: expected a string, got an integer",
                "5 suppression[1].inhibit.source[0]: invalid matcher 'check': expected =, !=, =~ or !~ after the name \"check\" ("
                        + NAMES + ")");
    }

    @Test
    void badNormalizeRegexes() {
        assertThat(errors(PolicyYaml.minimal().set("fingerprint", "{fields: ["
                + "{name: host, normalize: {pattern: '(?<=web)-\\d+', replace: ''}},"
                + "{name: pop, normalize: {pattern: '[0-9]*', replace: x}},"
                + "{name: check, normalize: {pattern: '[0-9]+'}}, 'bad name', check]}"))).containsExactly(
                "3 fingerprint.fields[0].normalize.pattern: invalid regex '(?<=web)-\\d+': lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are "
                        + "not supported by RE2: invalid or unsupported Perl syntax: `(?<`",
                "3 fingerprint.fields[1].normalize.pattern: the pattern matches the empty string; make it match at least one character",
                "3 fingerprint.fields[2].normalize.replace: required key is missing",
                "3 fingerprint.fields[3]: invalid name \"bad name\": " + NAMES,
                "3 fingerprint.fields[4]: field \"check\" is listed twice (also at fingerprint.fields[2])");
    }

    @Test
    void badSeverityMap() {
        assertThat(errors(PolicyYaml.minimal()
                .set("severity_map", "{critical: major, Err: major, ERR: minor, X: CRITICAL, Y: unknown, '': info}"))).containsExactly(
                "5 severity_map.critical: \"critical\" is a canonical severity name, which stands for itself: remove it",
                "5 severity_map.ERR: same key as \"Err\" ignoring case",
                "5 severity_map.X: must be one of critical, major, minor, warning, info (lower case), got \"CRITICAL\"",
                "5 severity_map.Y: must be one of critical, major, minor, warning, info (lower case), got \"unknown\"",
                "5 severity_map[\"\"]: an empty raw severity is always unknown and cannot be mapped");
    }

    @Test
    void badSuppressionRules() {
        assertThat(errors(PolicyYaml.minimal().set("suppression", String.join("\n",
                "",
                "  - drop: ['a=\"1\"']",
                "  - id: x",
                "    drop: ['a=\"1\"']",
                "  - id: x",
                "    inhibit: {source: [], target: ['b=\"1\"'], within: 1m}",
                "  - id: y",
                "  - id: z",
                "    drop: []",
                "    maintenance: {from: '2026-11-20T10:00:00Z', to: '2026-11-20T11:00:00Z'}",
                "  - id: m",
                "    maintenance: {from: '2026-13-01T00:00:00Z', to: '2026-11-20T10:00:00Z'}",
                "  - id: n",
                "    maintenance: {match: ['pop=\"fra1\"'], from: '2026-11-20T11:00:00Z', to: '2026-11-20 10:00:00'}",
                "  - id: i",
                "    inhibit: {source: ['a=\"1\"'], equal: [pop, pop], within: 1m}",
                "  - id: bad id",
                "    drop: []")))).containsExactly(
                "6 suppression[0].id: required key is missing",
                "9 suppression[2].id: duplicate id \"x\" (also suppression[1])",
                "10 suppression[2].inhibit.source: " + ONE_MATCHER,
                "11 suppression[3]: needs one of drop, maintenance or inhibit",
                "12 suppression[4]: has drop and maintenance: a rule has exactly one kind",
                "16 suppression[5].maintenance.from: invalid timestamp \"2026-13-01T00:00:00Z\": no such date or time",
                "18 suppression[6].maintenance.to: must be after from (2026-11-20T11:00:00Z), got 2026-11-20T10:00:00Z",
                "20 suppression[7].inhibit.target: required key is missing",
                "20 suppression[7].inhibit.equal[1]: \"pop\" is listed twice (also at suppression[7].inhibit.equal[0])",
                "21 suppression[8].id: invalid rule id \"bad id\": ids match [A-Za-z0-9][A-Za-z0-9._-]{0,127}",
                "22 suppression[8].drop: " + ONE_MATCHER);
    }

    @Test
    void correlationLimits() {
        assertThat(errors(PolicyYaml.minimal()
                .set("correlation", "{gap: 2m, min_signals: 0, max_span: 0s, group_by: [region, 'bad name', region]}"))).containsExactly(
                "4 correlation.group_by[1]: invalid name \"bad name\": " + NAMES,
                "4 correlation.group_by[2]: \"region\" is listed twice (also at correlation.group_by[0])",
                "4 correlation.max_span: must be more than 0 (omit max_span for no cut)",
                "4 correlation.min_signals: must be at least 1, got 0");
    }

    @Test
    void titlePlaceholdersAreCountOrGroupByNames() {
        PolicyYaml yaml = PolicyYaml.minimal().set("correlation", "{gap: 2m, group_by: [region]}");
        assertThat(errors(yaml.set("aggregation", "{title: '{count} in {zone}/{pop}'}"))).containsExactly(
                "5 aggregation.title: unknown placeholder {zone}: use {count} or a group_by name (region)",
                "5 aggregation.title: unknown placeholder {pop}: use {count} or a group_by name (region)");
        assertThat(errors(yaml.set("aggregation", "{title: '{count'}"))).containsExactly(
                "5 aggregation.title: '{' at character 1 is not closed by '}'");
        assertThat(errors(yaml.set("aggregation", "{title: ''}"))).containsExactly(
                "5 aggregation.title: must not be empty");
        assertThat(errors(PolicyYaml.minimal().set("aggregation", "{title: '{region}'}"))).containsExactly(
                "5 aggregation.title: unknown placeholder {region}: use {count} (correlation has no group_by)");
    }

    @Test
    void badGovernance() {
        assertThat(errors(PolicyYaml.minimal().set("governance", "{required_approvals: -1,"
                + " gates: {min_incident_parity: 95, max_missing_critical: high, max_new_incidents: 1.5, min_recall: 0.9},"
                + " promotable_scopes: [region, 'region=a,region=b', 'region=eu-west']}"))).containsExactly(
                "5 governance.required_approvals: must be at least 0, got -1",
                "5 governance.gates.min_recall: unknown key (allowed here: min_incident_parity, min_bcubed_f1, "
                        + "max_missing_critical, max_new_incidents, max_newly_suppressed, max_new_pages, max_lost_pages, "
                        + "max_page_delay)",
                "5 governance.gates.min_incident_parity: must be a ratio from 0 to 1, got 95",
                "5 governance.gates.max_missing_critical: expected a number, got a string",
                "5 governance.gates.max_new_incidents: must be a whole count, 0 or more, got 1.5",
                "5 governance.promotable_scopes[0]: invalid scope \"region\": \"region\" is not name=value|value (" + NAMES + ")",
                "5 governance.promotable_scopes[1]: invalid scope \"region=a,region=b\": \"region\" appears twice");
    }

    @Test
    void badActions() {
        assertThat(errors(PolicyYaml.minimal().set("actions", String.join("\n",
                "",
                "  - id: page",
                "    do: {page: edge-oncall}",
                "    colour: red",
                "  - id: page",
                "    when: ['severity=~\"(a)\\1\"', 42]",
                "    do: {page: a, ticket: b}",
                "  - do: {runbook: ''}",
                "    min_signals: 0",
                "    cooldown: 1m30s",
                "  - id: bad id",
                "    do: {email: ops}",
                "  - id: t",
                "    do: ticket",
                "    cooldown: 30",
                "  - [page]")))).containsExactly(
                "8 actions[0].colour: unknown key (allowed here: id, when, min_signals, do, cooldown)",
                "9 actions[1].id: duplicate action id \"page\" (also actions[0])",
                "10 actions[1].when[0]: invalid matcher 'severity=~\"(a)\\1\"': invalid regex: backreferences (\\1 ...) are "
                        + "not supported by RE2: invalid escape sequence: `\\1`",
                "10 actions[1].when[1]: expected a string, got an integer",
                "11 actions[1].do: has page and ticket: an action does exactly one thing",
                "12 actions[2].id: required key is missing",
                "12 actions[2].do.runbook: the target must not be empty",
                "13 actions[2].min_signals: must be at least 1, got 0",
                "14 actions[2].cooldown: invalid duration \"1m30s\": " + DURATION_HELP,
                "15 actions[3].id: invalid action id \"bad id\": ids match [A-Za-z0-9][A-Za-z0-9._-]{0,127}",
                "16 actions[3].do.email: unknown key (allowed here: page, ticket, runbook, notify)",
                "16 actions[3].do: needs one of page, ticket, runbook, notify, like {page: edge-oncall}",
                "18 actions[4].do: expected a mapping with keys page, ticket, runbook, notify, got a string",
                "19 actions[4].cooldown: expected a duration with a unit (ms, s, m or h), like 2m; got the number 30",
                "20 actions[5]: expected a mapping with keys id, when, min_signals, do, cooldown, got a list");
    }

    @Test
    void actionGatesAreCountsAndSeconds() {
        assertThat(errors(PolicyYaml.minimal().set("governance",
                "{gates: {max_new_pages: 0.5, max_lost_pages: -1, max_page_delay: 90.5}}"))).containsExactly(
                "5 governance.gates.max_new_pages: must be a whole count, 0 or more, got 0.5",
                "5 governance.gates.max_lost_pages: must be a whole count, 0 or more, got -1");
        assertThat(errors(PolicyYaml.minimal().set("governance", "{gates: {max_page_delay: -1}}"))).containsExactly(
                "5 governance.gates.max_page_delay: must be seconds, 0 or more, got -1");
    }

    @Test
    void yamlItselfMustBeOneCleanDocument() throws IOException {
        String minimal = PolicyYaml.minimal().text();
        assertThat(errors(write(minimal + "version: 1\n"))).containsExactly("5 version: duplicate key (first at line 2)");
        assertThat(errors(write(minimal.replace("[check]", "[&f check, *f]")))).containsExactly(
                "3 fingerprint.fields[1]: YAML aliases (*f) are not supported: write the value out");
        assertThat(errors(write(minimal + "---\npolicy: p\n"))).containsExactly(
                "6 : more than one YAML document: the file must hold exactly one");
        assertThat(errors(write(minimal.replace("{gap: 2m}", "{gap: 2m")))).containsExactly(
                "5 : not valid YAML: expected ',' or '}', but got <stream end>");
        assertThat(errors(write("policy: p\n\tversion: 1\n"))).containsExactly(
                "2 : not valid YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)");
        assertThat(errors(write("# nothing\n"))).containsExactly(
                "0 : the file is empty: expected a mapping with policy, version, fingerprint and correlation");
        assertThat(errors(write("- policy: p\n"))).containsExactly(
                "1 : expected a mapping with keys policy, version, description, severity_map, fingerprint, dedup, "
                        + "suppression, correlation, aggregation, actions, governance, got a list");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createDirectories(dir.resolve("p")).resolve("v1.yaml"), text);
    }

    private List<String> errors(PolicyYaml yaml) {
        return errors(yaml.write(dir));
    }

    private static List<String> errors(Path file) {
        try {
            PolicyLoader.load(file);
        } catch (PolicyValidationException e) {
            assertThat(e.errors()).extracting(PolicyError::file).containsOnly(file.toString());
            return e.errors().stream().map(error -> error.line() + " " + error.path() + ": " + error.message()).toList();
        }
        throw new AssertionError("expected " + file + " to be invalid");
    }
}
