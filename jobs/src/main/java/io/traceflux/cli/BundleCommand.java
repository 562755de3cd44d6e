package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.bundle.BundleResult;
import io.traceflux.bundle.VerifyBundle;
import io.traceflux.bundle.VerifyResult;
import io.traceflux.bundle.WriteBundle;
import io.traceflux.spark.Sessions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code traceflux bundle --execution ID [--out DIR]}: (re)writes an execution's evidence bundle
 * from the warehouse tables (SPEC 5), byte for byte what the replay wrote except the manifest's
 * {@code written_at}; {@code traceflux bundle verify DIR|ZIP} checks one against its manifest.
 * An unknown execution exits 2, a bundle that fails verification 5 (SPEC 7.1).
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"(Re)write the evidence bundle of an execution from the warehouse tables:",
            "DIR/<ID>/ (manifest.json, parity.json, summary.md, report.html, tables/, signals/, policy/)",
            "and DIR/<ID>.zip. An existing bundle of that execution is replaced."},
        subcommands = {BundleCommand.Verify.class},
        footer = {"", "Examples:",
            "  traceflux bundle --execution exec-20261125-083412-3f9a1c --out ./evidence",
            "  traceflux bundle verify ./evidence/exec-20261125-083412-3f9a1c.zip"})
public final class BundleCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--execution", paramLabel = "ID", description = "The execution whose bundle to write.")
    String execution;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder that receives <ID>/ and <ID>.zip. Default: <warehouse>/bundles.")
    String out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (execution == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--execution=ID' (or use: bundle verify DIR|ZIP)");
        }
        SparkSession spark = Sessions.forJob("traceflux bundle", common.master);
        BundleResult result = WriteBundle.with(spark).warehouse(common.warehouse().root()).executionId(execution)
                .outDir(out).execute();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("bundle of " + result.executionId() + ": " + result.dir() + " (" + (result.files().size() + 1)
                + " files" + (result.hasBaseline() ? "" : ", no baseline") + ")");
        stdout.println("zip: " + result.zip());
        stdout.println("manifest sha256: " + result.manifestSha256());
        stdout.flush();
        return ExitCode.OK;
    }

    /** {@code traceflux bundle verify DIR|ZIP}: every hash against the manifest; no Spark. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a bundle folder or zip against its manifest.json: the manifest itself,",
                "then each file's size and SHA-256, then that no file was added.",
                "Exits 5 naming the first file that differs."},
            footer = {"", "Examples:", "  traceflux bundle verify ./warehouse/bundles/exec-20261125-083412-3f9a1c",
                "  traceflux bundle verify ./evidence/exec-20261125-083412-3f9a1c.zip"})
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR|ZIP", description = "A bundle folder or its zip.")
        Path bundle;

        @Override
        public Integer call() {
            VerifyResult result = VerifyBundle.of(bundle).execute();
            if (result.ok()) {
                spec.commandLine().getOut().println(result.message());
                spec.commandLine().getOut().flush();
                return ExitCode.OK;
            }
            spec.commandLine().getErr().println("traceflux: bundle verify: " + result.message());
            spec.commandLine().getErr().flush();
            return ExitCode.VERIFICATION_FAILED;
        }
    }
}
