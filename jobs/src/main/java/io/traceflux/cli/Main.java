package io.traceflux.cli;

import io.traceflux.ExitCode;
import io.traceflux.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code traceflux}: one launcher with the subcommands of SPEC 7.1. Bad input prints one
 * clear message and exits 2; an unexpected failure exits 1 without a stack trace unless
 * {@code TRACEFLUX_DEBUG} is set.
 */
@Command(name = "traceflux", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Replays captured telemetry windows through a pinned correlation policy on Apache Spark.",
        subcommands = {ReplayCommand.class, ExecutionsCommand.class, PolicyCommand.class, BundleCommand.class,
            OptionsCommand.class},
        footer = {"", "Example:", "  traceflux replay --capture test-data/captures/nezha-tt-2023-01-29 --policy tt-checkout@v2"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (what tests call). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::onException);
        cli.setParameterExceptionHandler(Main::onBadArguments);
        return cli.execute(args);
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("traceflux: " + e.getMessage());
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage and an example.");
        return ExitCode.INVALID_INPUT;
    }

    private static int onException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof InvalidInputException) {
            err.println("traceflux: error: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        err.println("traceflux: unexpected failure: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if (System.getenv("TRACEFLUX_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set TRACEFLUX_DEBUG=1 to see the stack trace)");
        }
        return ExitCode.UNEXPECTED;
    }
}
