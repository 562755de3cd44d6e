package io.traceflux.testkit;

import io.traceflux.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Runs a command line in-process as the launcher would, with what it printed. */
public final class Cli {

    /** What one command line returned and printed; progress lines ({@code [n/m ...]}) apart. */
    public record Result(int exit, String out, String err) {

        /** stderr without the progress lines: the messages meant for the user. */
        public List<String> messages() {
            return Arrays.stream(err.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("[")).toList();
        }
    }

    private Cli() {
    }

    public static synchronized Result run(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }
}
