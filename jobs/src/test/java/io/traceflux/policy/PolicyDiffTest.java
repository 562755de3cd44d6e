package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDiffTest {

    @TempDir
    Path dir;

    @Test
    void listsChangedAddedAndRemovedValuesAndMatchesRulesById() {
        Policy v1 = PolicyLoader.load(PolicyYaml.minimal()
                .set("dedup", "{window: 5m}")
                .set("suppression", "[{id: a, drop: ['pop=\"fra1\"']}, {id: b, drop: ['pop=\"ams2\"']},"
                        + " {id: c, inhibit: {source: ['check=\"x\"'], target: ['check!=\"x\"'], within: 2m}}]")
                .write(dir));
        Policy v2 = PolicyLoader.load(PolicyYaml.minimal()
                .set("version", "2")
                .set("correlation", "{gap: 5m, group_by: [region, pop]}")
                .set("suppression", "[{id: c, inhibit: {source: ['check=\"x\"'], target: ['check!=\"x\"'], within: 1m}},"
                        + " {id: a, drop: ['pop=\"fra1\"', 'region=\"eu\"']}, {id: drop-info, drop: ['severity=\"info\"']}]")
                .set("aggregation", "{title: '{count} in {pop}'}")
                .write(dir, "p", "v2.yaml"));

        assertThat(PolicyDiff.diff(v1, v2)).containsExactly(
                "~ version: 1 -> 2",
                "~ correlation.gap: 2m -> 5m",
                "+ correlation.group_by: [region, pop]",
                "- dedup: {window: 5m}",
                "~ suppression[id=a].drop: [pop=\"fra1\"] -> [pop=\"fra1\", region=\"eu\"]",
                "- suppression[id=b]: {id: b, drop: [pop=\"ams2\"]}",
                "~ suppression[id=c].inhibit.within: 2m -> 1m",
                "+ suppression[id=drop-info]: {id: drop-info, drop: [severity=\"info\"]}",
                "~ suppression order: [a, c] -> [c, a]",
                "+ aggregation: {title: \"{count} in {pop}\"}");
    }

    @Test
    void showsActionChangesByIdButNotTheirOrder() {
        Policy v1 = PolicyLoader.load(PolicyYaml.minimal()
                .set("actions", "[{id: page-oncall, when: ['severity=\"critical\"'], do: {page: edge-oncall}, cooldown: 30m},"
                        + " {id: ticket, do: {ticket: EDGE}}, {id: notify, do: {notify: '#edge'}}]")
                .write(dir));
        Policy v2 = PolicyLoader.load(PolicyYaml.minimal()
                .set("actions", "[{id: notify, do: {notify: '#edge'}},"
                        + " {id: page-oncall, when: ['severity=~\"critical|major\"'], min_signals: 3, do: {page: edge-oncall},"
                        + " cooldown: 10m}, {id: runbook, do: {runbook: 'https://runbooks/edge'}}]")
                .write(dir, "p", "v1.yml"));

        assertThat(PolicyDiff.diff(v1, v2)).containsExactly(
                "~ actions[id=page-oncall].when: [severity=\"critical\"] -> [severity=~\"critical|major\"]",
                "~ actions[id=page-oncall].cooldown: 30m -> 10m",
                "+ actions[id=page-oncall].min_signals: 3",
                "- actions[id=ticket]: {id: ticket, do: {ticket: EDGE}}",
                "+ actions[id=runbook]: {id: runbook, do: {runbook: https://runbooks/edge}}");
        assertThat(v1.sha256()).isNotEqualTo(v2.sha256());
    }

    @Test
    void formattingAndCommentsAreNoDifference() throws Exception {
        Policy yaml = PolicyLoader.load(PolicyYaml.minimal().set("correlation", "# comment\n  gap: 2m").write(dir));
        Path jsonFile = Files.writeString(dir.resolve("p/v1.json"),
                "{\"correlation\": {\"gap\": \"2m\"}, \"fingerprint\": {\"fields\": [\"check\"]}, \"version\": 1, \"policy\": \"p\"}");
        Policy json = PolicyLoader.load(jsonFile);

        assertThat(PolicyDiff.diff(yaml, json)).isEmpty();
    }

    @Test
    void quotesValuesThatWouldReadAmbiguously() {
        Policy a = PolicyLoader.load(PolicyYaml.minimal().set("description", "''").write(dir));
        Policy b = PolicyLoader.load(PolicyYaml.minimal().set("description", "'3'").write(dir, "p", "v1.yml"));

        assertThat(PolicyDiff.diff(a, b)).containsExactly("~ description: \"\" -> \"3\"");
    }
}
