package io.traceflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.ExitCode;
import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import io.traceflux.bundle.BundleFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BundleCommandTest extends SparkTestBase {

    @TempDir
    static Path root;

    static Path warehouse;

    /** What one command line printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void writeWarehouse() {
        warehouse = BundleFixtures.warehouse(spark);
    }

    @AfterAll
    static void restoreTestSession() {
        // Sessions.forJob applies the job's defaults to the shared test session.
        spark.conf().set("spark.sql.shuffle.partitions", "2");
    }

    /** Runs {@code bundle ...} with the exception handling Main gives every command. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BundleCommand())
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("traceflux: error: " + e.getMessage());
            return e instanceof InvalidInputException ? ExitCode.INVALID_INPUT : ExitCode.UNEXPECTED;
        });
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void writesThenVerifiesFolderAndZip() throws IOException {
        Path out = root.resolve("evidence");
        Run written = run("--execution", "exec-b", "--out", out.toString(), "--warehouse", warehouse.toString());
        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).startsWith("bundle of exec-b: " + out.resolve("exec-b") + " (35 files)\n"
                + "zip: " + out.resolve("exec-b.zip") + "\nmanifest sha256: ");
        Run folder = run("verify", out.resolve("exec-b").toString());
        assertThat(folder.exit()).isZero();
        assertThat(folder.out()).isEqualTo("OK: 34 files match manifest.json in " + out.resolve("exec-b") + "\n");
        assertThat(run("verify", out.resolve("exec-b.zip").toString()).exit()).isZero();

        Path summary = out.resolve("exec-b/summary.md");
        byte[] bytes = Files.readAllBytes(summary);
        bytes[3] ^= 1;
        Files.write(summary, bytes);
        Run broken = run("verify", out.resolve("exec-b").toString());
        assertThat(broken.exit()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        assertThat(broken.err()).startsWith("traceflux: bundle verify: FAILED: summary.md: SHA-256 ");
    }

    @Test
    void defaultsToTheWarehousesBundlesFolder() {
        Path copy = root.resolve("copy");
        for (String table : List.of("executions", "replay_signals", "replay_incidents")) {
            spark.read().format("delta").load(warehouse.resolve(table).toString())
                    .write().format("delta").save(copy.resolve(table).toString());
        }
        Run written = run("--execution", "exec-n", "--warehouse", copy.toString());
        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).startsWith("bundle of exec-n: " + copy.resolve("bundles/exec-n")
                + " (7 files, no baseline)\n");
    }

    @Test
    void unknownExecutionExitsTwo() {
        Run r = run("--execution", "missing-1", "--out", root.resolve("x").toString(),
                "--warehouse", warehouse.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("traceflux: error: unknown execution 'missing-1': no row in "
                + warehouse.resolve("executions") + "\n");
    }

    @Test
    void missingExecutionOrBundleIsInvalidInput() {
        Run noId = run("--out", root.toString());
        assertThat(noId.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(noId.err()).contains("Missing required option: '--execution=ID'");
        Run noBundle = run("verify", root.resolve("nothing-here").toString());
        assertThat(noBundle.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(noBundle.err()).contains("no bundle folder or zip there");
    }

    @Test
    void helpShowsAnExample() {
        assertThat(run("--help").out()).contains("Examples:", "traceflux bundle --execution", "--out=DIR");
        assertThat(run("verify", "--help").out()).contains("Examples:", "traceflux bundle verify");
    }
}
