package io.traceflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.testkit.CaptureFixture;
import io.traceflux.testkit.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@code traceflux policy ...} and the policy checks of {@code replay}: ten kinds of mistake,
 * each refused with exit 2 and the path in the document, before Spark starts.
 */
class PolicyCommandTest {

    static final String VALID = ReplayCommandTest.POLICY;

    @TempDir
    Path dir;


    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            unknown key               ; correlation: {group_by: [region, pop], gap: 2m, min_signals: 2} ; correlation: {group_by: [region, pop], gap: 2m, min_signals: 2, window: 1m} ; correlation.window
            bad duration              ; gap: 2m                                                      ; gap: 1m30s                                  ; correlation.gap
            fractional duration       ; window: 1m                                                   ; window: 1.5s                                ; dedup.window
            bad matcher               ; 'severity=~"info|unknown"'                                   ; 'severity=="info"'                          ; suppression[0].drop[0]
            lookaround regex          ; 'severity=~"info|unknown"'                                   ; 'severity=~"(?!info).*"'                    ; suppression[0].drop[0]
            non-canonical map value   ; {ERROR: major}                                               ; {ERROR: severe}                             ; severity_map.ERROR
            canonical map key         ; {ERROR: major}                                               ; {Critical: major}                           ; severity_map.Critical
            min_signals below one     ; min_signals: 2                                               ; min_signals: 0                              ; correlation.min_signals
            unknown title placeholder ; {count} signals in {region}/{pop}                            ; {count} signals in {zone}                   ; aggregation.title
            wrong type                ; fields: [check, host]                                        ; fields: check                               ; fingerprint.fields
            drop without matchers     ; drop: ['severity=~"info|unknown"']                           ; drop: []                                    ; suppression[0].drop
            """)
    void aMistakeIsRefusedWithExit2AndItsPath(String kind, String from, String to, String path) {
        String yaml = VALID.replace(from.strip(), to.strip());
        assertThat(yaml).as("fixture edit for %s", kind).isNotEqualTo(VALID);
        Path policies = CaptureFixture.policy(dir, "edge", 1, yaml);
        Path file = policies.resolve("edge/v1.yaml");

        Cli.Result validate = Cli.run("policy", "validate", file.toString());
        assertThat(validate.exit()).isEqualTo(2);
        assertThat(validate.err()).contains(": " + path + ": ");

        Cli.Result replay = Cli.run("replay", "--capture", dir.resolve("no-capture-needed").toString(), "--policy", "edge@v1",
                "--policies", policies.toString(), "--warehouse", dir.resolve("wh").toString());
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.err()).contains(path).doesNotContain("\tat ");
        assertThat(dir.resolve("wh")).doesNotExist();
    }

    @Test
    void aRegexTooCostlyPerSignalIsRefusedInOneLineNamingItAndItsSize() {
        Path policies = CaptureFixture.policy(dir, "edge", 1,
                VALID.replace("'severity=~\"info|unknown\"'", "'host=~\"(.*){490}#\"'"));
        Path file = policies.resolve("edge/v1.yaml");

        Cli.Result validate = Cli.run("policy", "validate", file.toString());

        assertThat(validate.exit()).isEqualTo(2);
        assertThat(validate.err().strip()).doesNotContain("\n").isEqualTo(file + ":9: suppression[0].drop[0]: invalid matcher "
                + "'host=~\"(.*){490}#\"': invalid regex: too large: it expands to about 1,961 RE2 instructions, more than "
                + "the 250 allowed (counted repetitions multiply: (a{10}){20} is 240)");
    }

    @Test
    void folderAndVersionMismatchesNameTheirKeys() {
        Path policies = CaptureFixture.policy(dir, "other", 3, VALID);

        Cli.Result r = Cli.run("policy", "validate", policies.resolve("other/v3.yaml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(": policy: ").contains(": version: ");
    }

    @Test
    void hashIsStableAcrossFormattingAndDiffNamesTheChange() {
        Path a = CaptureFixture.policy(dir.resolve("a"), "edge", 1, VALID).resolve("edge/v1.yaml");
        Path b = CaptureFixture.policy(dir.resolve("b"), "edge", 1, "# a comment\n" + VALID.replace("gap: 2m", "gap:   2m"))
                .resolve("edge/v1.yaml");
        Path c = CaptureFixture.policy(dir.resolve("c"), "edge", 1, VALID.replace("gap: 2m", "gap: 5m"))
                .resolve("edge/v1.yaml");

        String hashA = Cli.run("policy", "hash", a.toString()).out().strip();
        assertThat(hashA).matches("[0-9a-f]{64}");
        assertThat(Cli.run("policy", "hash", b.toString()).out().strip()).isEqualTo(hashA);
        assertThat(Cli.run("policy", "hash", c.toString()).out().strip()).isNotEqualTo(hashA);
        assertThat(Cli.run("policy", "diff", a.toString(), c.toString()).out()).contains("correlation.gap").contains("2m")
                .contains("5m");
    }
}
