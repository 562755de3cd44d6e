package io.traceflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Whatever a command throws, the CLI ends with one line and exit 1 (2 for bad input); the stack
 * trace comes only with {@code --verbose}, given before or after the subcommand.
 */
class MainTest {

    /** A subcommand that throws what it is given, standing for a failure deep inside a real one. */
    @Command(name = "fail")
    static final class Fail implements Runnable {
        private final Supplier<Throwable> failure;

        Fail(Supplier<Throwable> failure) {
            this.failure = failure;
        }

        @Override
        public void run() {
            Throwable thrown = failure.get();
            if (thrown instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) thrown;
        }
    }

    record Result(int code, String err) {
    }

    private static Result run(Supplier<Throwable> thrown, String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Main main = new Main();
            CommandLine cli = new CommandLine(main).addSubcommand(new CommandLine(new Fail(thrown)));
            return new Result(Main.execute(main, cli, args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void errorsBecomeOneLineAndExit1() {
        Result overflow = run(() -> new StackOverflowError(), "fail");
        assertThat(overflow.code()).isEqualTo(1);
        assertThat(overflow.err()).isEqualTo("traceflux: unexpected failure: StackOverflowError (run with --verbose for the stack trace)\n");

        Result oom = run(() -> new OutOfMemoryError("Java heap space"), "fail");
        assertThat(oom.code()).isEqualTo(1);
        assertThat(oom.err()).isEqualTo("traceflux: unexpected failure: OutOfMemoryError: Java heap space (run with --verbose for the stack trace)\n");
    }

    @Test
    void exceptionsBecomeOneLineEvenWhenTheirMessageHasSeveral() {
        Result result = run(() -> new IllegalStateException("first\n  second\tthird"), "fail");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(
                "traceflux: unexpected failure: IllegalStateException: first second third (run with --verbose for the stack trace)\n");
        assertThat(run(() -> new IllegalStateException("x".repeat(5000)), "fail").err().lines()).singleElement()
                .asString().hasSizeLessThan(1100);
    }

    @Test
    void invalidInputIsExit2() {
        Result result = run(() -> new io.traceflux.InvalidInputException("--scope: bad"), "fail");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("traceflux: error: --scope: bad\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"before", "after"})
    void verbosePrintsTheStackTrace(String where) {
        Result result = where.equals("before") ? run(() -> new StackOverflowError(), "--verbose", "fail")
                : run(() -> new StackOverflowError(), "fail", "--verbose");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("traceflux: unexpected failure: StackOverflowError\njava.lang.StackOverflowError\n\tat ")
                .contains("\tat io.traceflux.cli.MainTest$Fail.run(MainTest.java:");
    }
}
