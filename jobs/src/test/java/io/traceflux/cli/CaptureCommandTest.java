package io.traceflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.testkit.Cli;
import io.traceflux.testkit.LakeFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code traceflux capture}: what it prints, and its exit codes (SPEC 2.4, 7.1). */
class CaptureCommandTest extends SparkTestBase {

    @TempDir
    static Path shared;

    static Path lake;
    static LakeFixture.Production production;

    @TempDir
    Path dir;

    @BeforeAll
    static void lake() {
        lake = LakeFixture.append(shared.resolve("lake"), LakeFixture.twoDays().build(spark));
        production = LakeFixture.production(spark, shared);
    }

    @Test
    void helpShowsAnExample() {
        Cli.Result help = Cli.run("capture", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--from=LAKE[@VERSION]").contains("--around=INCIDENT_ID")
                .contains("Examples:").contains("traceflux capture --from s3a://tel/lake@1842 --around INC-4711");
    }

    @Test
    void cutsSaysWhatItReadAndARerunIsANoOp() {
        Path out = dir.resolve("fra1-outage");

        Cli.Result cut = capture(out, "--window-start", "2026-11-20T10:00:00Z", "--window-end", "2026-11-20T10:05:00Z");
        Cli.Result again = capture(out, "--window-start", "2026-11-20T10:00:00Z", "--window-end", "2026-11-20T10:05:00Z");

        assertThat(cut.exit()).isZero();
        assertThat(cut.out()).contains("Cut capture fra1-outage in ")
                .contains("  lake       file:" + lake + "@0  (time partitions date/hour (filtered from the window))")
                .contains("  window     [2026-11-20T10:00:00Z, 2026-11-20T10:05:00Z)  scope *")
                .contains("  signals    2")
                .contains("  baseline   2 incidents, 3 membership rows, 2 actions")
                .contains("  read       1 of 4 files");
        assertThat(cut.err()).contains("[1/4").contains("[4/4").doesNotContain("warning");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Capture fra1-outage already holds this cut: nothing to do")
                .contains("  signals    2");
    }

    @Test
    void aDifferentCutIntoTheSameFolderExits2WithOneLine() {
        Path out = dir.resolve("cap");
        assertThat(capture(out, "--window-start", "2026-11-20T10:00:00Z", "--window-end", "2026-11-20T10:05:00Z")
                .exit()).isZero();

        Cli.Result other = capture(out, "--window-start", "2026-11-20T10:00:00Z", "--window-end", "2026-11-20T10:06:00Z");

        assertThat(other.exit()).isEqualTo(2);
        assertThat(other.messages()).containsExactly("traceflux: error: --out " + out + ": already holds capture "
                + "cap, cut with window_end 2026-11-20T10:05:00Z (this run: 2026-11-20T10:06:00Z); a different cut is "
                + "refused (choose another --out, or remove that folder first)");
        assertThat(other.out()).isEmpty();
    }

    @Test
    void anEmptyWindowIsAValidCaptureWithAWarning() {
        Cli.Result quiet = capture(dir.resolve("quiet"), "--window-start", "2026-11-20T12:00:00Z",
                "--window-end", "2026-11-20T12:10:00Z");

        assertThat(quiet.exit()).isZero();
        assertThat(quiet.err()).contains("traceflux: warning: no signal of file:" + lake + "@0 lies in "
                + "[2026-11-20T12:00:00Z, 2026-11-20T12:10:00Z) (scope *): the capture is valid but empty");
        assertThat(quiet.out()).contains("  signals    0");
    }

    @Test
    void aroundAnIncidentWithPadding() {
        Cli.Result around = capture(dir.resolve("inc-2"), "--around", "INC-2", "--padding", "30s");

        assertThat(around.exit()).isZero();
        assertThat(around.out()).contains("  window     [2026-11-20T09:09:30Z, 2026-11-20T09:50:31Z)  scope *  "
                + "around incident INC-2").contains("  signals    2");
    }

    @Test
    void badInputExits2NamingTheProblem() {
        Path out = dir.resolve("x");
        assertBad(Cli.run("capture", "--from", dir.resolve("nowhere").toString(), "--window-start", "2026-11-20T10:00:00Z",
                        "--window-end", "2026-11-20T10:05:00Z", "--out", out.toString()),
                "traceflux: error: lake " + dir.resolve("nowhere") + ": not found");
        assertBad(capture(out, "--window-start", "2026-11-20 10:00", "--window-end", "2026-11-20T10:05:00Z"),
                "traceflux: error: --window-start: '2026-11-20 10:00' is not a timestamp like 2026-11-20T10:03:07.125Z "
                        + "(YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|+HH:MM])");
        assertBad(capture(out, "--window-start", "2026-11-20T10:05:00Z", "--window-end", "2026-11-20T10:00:00Z"),
                "traceflux: error: --window-start 2026-11-20T10:05:00Z must be before --window-end 2026-11-20T10:00:00Z");
        assertBad(capture(out, "--window-start", "2026-11-20T10:00:00Z"),
                "traceflux: error: --window-start and --window-end go together");
        assertBad(capture(out, "--around", "INC-404"),
                "traceflux: error: --around INC-404: no such incident in --incidents " + production.incidents());
        assertBad(capture(out, "--window-start", "2026-11-20T10:00:00Z", "--window-end", "2026-11-20T10:05:00Z",
                        "--padding", "1m"),
                "traceflux: error: --padding applies only with --around");
        assertBad(capture(out, "--around", "INC-1", "--padding", "1m30s"),
                "traceflux: error: --padding: invalid duration \"1m30s\": write a whole number and one unit (ms, s, m "
                        + "or h), e.g. 500ms, 90s, 2m, 1h");
        assertThat(out).doesNotExist();
    }

    private static void assertBad(Cli.Result run, String line) {
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.messages()).containsExactly(line);
    }

    /** {@code capture --from <lake> <args> --incidents ... --membership ... --actions ... --out <out>}. */
    private static Cli.Result capture(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("capture", "--from", lake.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--incidents", production.incidents().toString(), "--membership",
                production.membership().toString(), "--actions", production.actions().toString(),
                "--out", out.toString()));
        return Cli.run(all.toArray(String[]::new));
    }
}
