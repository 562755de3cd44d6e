package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.InvalidInputException;
import io.traceflux.governance.GovernanceRefusal;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code traceflux}: one launcher with the subcommands of SPEC 7.1. Bad input prints one
 * clear message and exits 2; anything else that goes wrong, an {@link Error} such as
 * StackOverflowError or OutOfMemoryError included, prints one line and exits 1, with the stack
 * trace only under {@code --verbose} (or when {@code TRACEFLUX_DEBUG} is set).
 */
@Command(name = "traceflux", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Replays captured telemetry windows through a pinned correlation policy on Apache Spark.",
        subcommands = {ReplayCommand.class, ExecutionsCommand.class, ApproveCommand.class, PromoteCommand.class,
            AuditCommand.class, PolicyCommand.class, BundleCommand.class, CaptureCommand.class, RegressCommand.class,
            OptionsCommand.class},
        footer = {"", "Example:", "  traceflux replay --capture test-data/captures/nezha-tt-2023-01-29 --policy tt-checkout@v2"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an unexpected failure (as TRACEFLUX_DEBUG=1 does).")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (what tests call). */
    public static int run(String... args) {
        Main main = new Main();
        return execute(main, new CommandLine(main), args);
    }

    /** Runs {@code args} on {@code cli}, whose root command is {@code main}. */
    static int execute(Main main, CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> unexpected(e, commandLine.getErr(), main.verbose));
        cli.setParameterExceptionHandler(Main::onBadArguments);
        try {
            return cli.execute(args);
        } catch (Throwable e) { // picocli hands Errors on; they must not end the process with a stack trace either
            return unexpected(e, cli.getErr(), main.verbose);
        }
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("traceflux: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage and an example.");
        return ExitCode.INVALID_INPUT;
    }

    private static int unexpected(Throwable e, PrintWriter err, boolean verbose) {
        if (e instanceof InvalidInputException) {
            err.println("traceflux: error: " + e.getMessage());
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        if (e instanceof GovernanceRefusal) {
            err.println("traceflux: refused: " + e.getMessage());
            err.flush();
            return ExitCode.GOVERNANCE_REFUSED;
        }
        boolean trace = verbose || System.getenv("TRACEFLUX_DEBUG") != null;
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().strip().replaceAll("\\s+", " ");
        if (message.length() > 1000) {
            message = message.substring(0, 1000) + "...";
        }
        err.println("traceflux: unexpected failure: " + e.getClass().getSimpleName() + message
                + (trace ? "" : " (run with --verbose for the stack trace)"));
        if (trace) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.UNEXPECTED;
    }
}
