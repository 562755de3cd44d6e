package io.traceflux.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one measured process: under {@code /usr/bin/time} (for its CPU time and peak resident
 * memory), with stdout and stderr in files, after waiting for the machine to be quiet, and
 * notes how much CPU other processes used meanwhile.
 */
final class Launch {

    /** The --add-opens list bin/traceflux passes (Spark 3.5 on Java 17). */
    static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
            "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    /** Waiting for quiet: at most this share of the cores busy, for at most this long. */
    private static final double QUIET_SHARE = 0.25;
    private final double quietWaitSeconds;

    Launch(double quietWaitSeconds) {
        this.quietWaitSeconds = quietWaitSeconds;
    }

    /** A Spark JVM with the launcher's flags (collector included), a heap cap and a GC log. */
    static List<String> sparkJava(String heap, Path gcLog, String classpath, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + heap, "-XX:+UseParallelGC"));
        OPENS.forEach(p -> cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
        if (gcLog != null) {
            cmd.add("-Xlog:gc:file=" + gcLog);
        }
        cmd.addAll(List.of("-cp", classpath, main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * What one process cost.
     *
     * @param wallSeconds  from start to exit, JVM start included
     * @param cpuSeconds   user + system CPU of the process and its children
     * @param peakRssMiB   peak resident memory (JVM heap, off-heap and native, e.g. DuckDB's)
     * @param otherCpuSeconds CPU that other processes used on the machine meanwhile
     * @param busyBefore   share of the cores busy just before the start
     */
    record Measured(int exitCode, double wallSeconds, double cpuSeconds, double peakRssMiB, double otherCpuSeconds,
                    double busyBefore, Path stdout, Path stderr) {

        String out() {
            return read(stdout);
        }

        String err() {
            return read(stderr);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Measured run(List<String> command, Map<String, String> env, Path logs, String name) throws IOException,
            InterruptedException {
        Files.createDirectories(logs);
        Path stdout = logs.resolve(name + ".out");
        Path stderr = logs.resolve(name + ".err");
        Path time = logs.resolve(name + ".time");
        double busyBefore = quietWaitSeconds > 0 ? Machine.waitQuiet(QUIET_SHARE, quietWaitSeconds) : Double.NaN;
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", time.toString()));
        timed.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(timed)
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        double machineBefore = Machine.busySeconds();
        long started = System.nanoTime();
        int exit = pb.start().waitFor();
        double wall = (System.nanoTime() - started) / 1e9;
        double machine = Machine.busySeconds() - machineBefore;
        String[] t = Files.readAllLines(time).stream().filter(l -> l.matches("[0-9. ]+")).findFirst()
                .orElse("0 0 0 0").trim().split(" ");
        double cpu = Double.parseDouble(t[1]) + Double.parseDouble(t[2]);
        return new Measured(exit, wall, cpu, Long.parseLong(t[3]) / 1024.0, Math.max(0, machine - cpu), busyBefore,
                stdout, stderr);
    }

    /** The classpath of the bench module: its classes, the job jar and every runtime jar. */
    static String benchClasspath(Path repo) throws IOException {
        return repo.resolve("bench/target/classes") + File.pathSeparator
                + Files.readString(repo.resolve("bench/target/bench-classpath.txt")).trim();
    }
}
