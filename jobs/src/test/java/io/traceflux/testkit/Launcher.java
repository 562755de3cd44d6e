package io.traceflux.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/traceflux} (or another java main) as a separate process, on the classes
 * under test ({@code TRACEFLUX_CLASSPATH}), and returns what it printed and its exit code.
 */
public final class Launcher {

    /** The repository root (surefire sets traceflux.repo). */
    public static final Path REPO = Path.of(System.getProperty("traceflux.repo", "..")).toAbsolutePath().normalize();

    private static final long TIMEOUT_SECONDS = 300;

    /** A process started here, with the files its output goes to. */
    public record Started(Process process, Path out, Path err) {
    }

    private Launcher() {
    }

    /** The classpath of this test JVM (surefire's, not its manifest-only jar's). */
    public static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Runs {@code bin/traceflux args...} to its end. */
    public static Cli.Result run(String... args) {
        return finish(traceflux(Map.of(), args));
    }

    /** Starts {@code bin/traceflux args...} with extra environment variables. */
    public static Started traceflux(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/traceflux").toString()));
        command.addAll(List.of(args));
        return start(command, env);
    }

    /** Starts {@code java -cp <this classpath> mainClass args...}. */
    public static Started java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(), mainClass));
        command.addAll(List.of(args));
        return start(command, Map.of());
    }

    private static Started start(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("TRACEFLUX_CLASSPATH", classpath());
            pb.environment().remove("TRACEFLUX_ACTOR");
            pb.environment().putAll(env);
            Path out = Files.createTempFile("launcher", ".out");
            Path err = Files.createTempFile("launcher", ".err");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            return new Started(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a started process and reads what it printed. */
    public static Cli.Result finish(Started s) {
        try {
            if (!s.process().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                s.process().destroyForcibly();
                throw new IllegalStateException("no exit within " + TIMEOUT_SECONDS + " s: " + s.process().info());
            }
            Cli.Result run = new Cli.Result(s.process().exitValue(), Files.readString(s.out(), StandardCharsets.UTF_8),
                    Files.readString(s.err(), StandardCharsets.UTF_8));
            Files.deleteIfExists(s.out());
            Files.deleteIfExists(s.err());
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
