package io.traceflux.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.policy.PolicyError;
import io.traceflux.policy.PolicyValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suite files: the golden suite as read, and every kind of mistake reported with its line and path. */
class SuiteReaderTest {

    static final Path REPO = Path.of(System.getProperty("traceflux.repo", ".."));

    @TempDir
    Path dir;

    @Test
    void theGoldenSuite() {
        Suite suite = SuiteReader.read(REPO.resolve("test-data/golden/suite.yaml"));

        assertThat(suite.name()).isEqualTo("golden");
        assertThat(suite.version()).isEqualTo(1);
        assertThat(suite.policiesFolder()).contains(REPO.resolve("policies").toAbsolutePath().normalize());
        assertThat(suite.windows()).hasSize(8);
        assertThat(suite.windows().stream().mapToInt(w -> w.policies().size()).sum()).isEqualTo(10);
        SuiteWindow lanl = suite.windows().get(4);
        assertThat(lanl.name()).isEqualTo("lanl-storm-sys2-1998-11-18");
        assertThat(lanl.capture()).isEqualTo(REPO.resolve("test-data/golden/lanl-storm-sys2-1998-11-18")
                .toAbsolutePath().normalize().toString());
        assertThat(lanl.baseline()).isEqualTo("production");
        assertThat(lanl.policies()).extracting(SuiteReplay::policy).containsExactly("hpc-storm@v1", "hpc-storm@v2");
        assertThat(lanl.policies().get(1).expected()).containsEntry(Figure.MERGED, 1L)
                .containsEntry(Figure.INCIDENT_PARITY, 0.0).containsEntry(Figure.GATES_PASSED, true);
        assertThat(suite.windows().get(2).policies().get(0).expectsGateFailure()).isTrue();
    }

    @Test
    void capturesResolveAgainstTheSuitesFolderAndKeepTheirVersion() throws IOException {
        Suite suite = SuiteReader.read(write("""
                suite: s
                version: 2
                windows:
                  - name: a
                    capture: caps/a@3
                    scope: region=eu-west
                    baseline: policy:edge@v1
                    policies: [{policy: edge@v2, expected: {incidents: 4, fingerprint_agreement: null,
                                                         pages_removed: null, max_page_delay: 75.511184}}]
                  - name: b
                    capture: s3a://bucket/caps/b
                    baseline: none
                    policies: [{policy: edge@v2}]
                """));

        assertThat(suite.policiesFolder()).isEmpty();
        assertThat(suite.windows().get(0).capture()).isEqualTo(dir.resolve("caps/a").toAbsolutePath() + "@3");
        assertThat(suite.windows().get(0).scope()).isEqualTo("region=eu-west");
        assertThat(suite.windows().get(1).capture()).isEqualTo("s3a://bucket/caps/b");
        Map<Figure, Object> expected = suite.windows().get(0).policies().get(0).expected();
        assertThat(expected).containsEntry(Figure.INCIDENTS, 4L).containsEntry(Figure.FINGERPRINT_AGREEMENT, null)
                .containsEntry(Figure.PAGES_REMOVED, null).containsEntry(Figure.MAX_PAGE_DELAY, 75.511184);
        assertThat(Figure.MAX_PAGE_DELAY.keeps(75.511184, 75.5111845)).isTrue();
        assertThat(Figure.MAX_PAGE_DELAY.keeps(75.511184, 75.511186)).isFalse();
    }

    @Test
    void everyMistakeIsReportedWithItsLineAndPath() throws IOException {
        assertThat(errors("""
                suite: nightly edge
                version: 0
                colour: blue
                windows:
                  - name: a
                    capture: caps/a
                    policies:
                      - policy: edge
                      - policy: edge@v2
                        expected: {incidnets: 3, incidents: -1, incident_parity: 1.5, gates_passed: "yes", confidence: great,
                                   max_page_delay: -2}
                      - policy: edge@v2
                  - name: a
                    capture: caps/b@
                    baseline: yesterday
                    scope: region
                    policies: []
                  - name: c
                    policies: [{policy: edge@v1, expexted: {}}]
                  - name: d
                    capture: caps/d
                    baseline: none
                    policies: [{policy: edge@v1, expected: {incidents: 2, exact: 1}}]
                  - name: e
                    capture: caps/e
                    baseline: policy:policies/edge/v1.yaml
                    policies: {policy: edge@v1}
                """)).containsExactly(
                "1 suite: \"nightly edge\" is not a valid name (1-128 characters of A-Z a-z 0-9 . _ -, starting with "
                        + "a letter or digit): it becomes part of execution ids",
                "2 version: must be at least 1, got 0",
                "3 colour: unknown key (allowed here: suite, version, description, policies_folder, windows)",
                "8 windows[0].policies[0].policy: \"edge\" is not a policy version ID@vN, like edge@v3 (resolved "
                        + "under the policies folder)",
                "10 windows[0].policies[1].expected.incidnets: unknown figure (known: " + Figure.keys() + ")",
                "10 windows[0].policies[1].expected.incidents: expected a whole number of at least 0, got -1",
                "10 windows[0].policies[1].expected.incident_parity: expected a number from 0 to 1, got 1.5",
                "10 windows[0].policies[1].expected.gates_passed: expected true or false, got yes",
                "10 windows[0].policies[1].expected.confidence: expected high, medium or low, got great",
                "11 windows[0].policies[1].expected.max_page_delay: expected a number of seconds of at least 0, got -2",
                "12 windows[0].policies[2].policy: \"edge@v2\" is used twice (also at windows[0].policies[1].policy)",
                "13 windows[1].name: \"a\" is used twice (also at windows[0].name)",
                "14 windows[1].capture: --capture 'caps/b@': the version after '@' must be a non-negative integer",
                "15 windows[1].baseline: --baseline: 'yesterday' is not one of production, none, execution:ID, "
                        + "policy:PATH|ID@vN",
                "16 windows[1].scope: " + scopeMessage("region"),
                "17 windows[1].policies: needs at least one policy version to replay, like - policy: edge@v3",
                "18 windows[2].capture: required key is missing",
                "19 windows[2].policies[0].expexted: unknown key (allowed here: policy, expected)",
                "23 windows[3].policies[0].expected.exact: a parity figure, but the window has baseline: none (no "
                        + "parity is computed)",
                "26 windows[4].baseline: a policy baseline in a suite is policy:ID@vN, like policy:edge@v2",
                "27 windows[4].policies: expected a list, got a mapping");
    }

    @Test
    void aSuiteMustBeOneMappingWithWindows() throws IOException {
        assertThat(errors("")).containsExactly("0 : the file is empty: expected a mapping with suite, version and windows");
        assertThat(errors("[a, b]")).containsExactly(
                "1 : expected a mapping with keys suite, version, description, policies_folder, windows, got a list");
        assertThat(errors("suite: s\nversion: 1\nwindows: []\n")).containsExactly("3 windows: needs at least one window");
        assertThat(errors("suite: s\nversion: 1\n")).containsExactly("1 windows: required key is missing");
        assertThat(errors("suite: s\nversion: 1\nwindows: [\n")).singleElement().asString().startsWith("4 : not valid YAML");
        assertThat(errors("suite: s\nsuite: t\nversion: 1\nwindows: []\n")).containsExactly(
                "2 suite: duplicate key (first at line 1)");
    }

    @Test
    void aMissingFileIsInvalidInput() {
        assertThatThrownBy(() -> SuiteReader.read(dir.resolve("none.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("suite file not found: " + dir.resolve("none.yaml"));
    }

    @Test
    void theErrorNamesTheFile() throws IOException {
        Path file = write("suite: s\nversion: 1\nwindows: 3\n");
        assertThatThrownBy(() -> SuiteReader.read(file)).hasMessage(file + ":3: windows: expected a list, got an integer");
    }

    private static String scopeMessage(String text) {
        try {
            io.traceflux.capture.Scope.parse(text);
            throw new AssertionError("valid scope: " + text);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    private List<String> errors(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            SuiteReader.read(file);
            throw new AssertionError("no error for:\n" + yaml);
        } catch (PolicyValidationException e) {
            return e.errors().stream().map(SuiteReaderTest::shown).toList();
        }
    }

    private static String shown(PolicyError e) {
        return e.line() + " " + e.path() + ": " + e.message();
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("suite.yaml"), yaml);
    }
}
