package io.traceflux.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a JVM of its own, as the launcher starts it (this test JVM's classpath and
 * module flags, a small heap): what crash and concurrency tests need, since a thread shares its
 * process's fate and its Delta log cache.
 */
public final class ChildJvm {

    private final Process process;
    private final List<String> stderr = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
    }

    /** Starts {@code traceflux args...}; its stderr is collected line by line. */
    public static ChildJvm start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-XX:TieredStopAtLevel=1"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.traceflux.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        ChildJvm child = new ChildJvm(builder.start());
        Thread reader = new Thread(child::collect, "child-stderr");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (stderr) {
                    stderr.add(line);
                    stderr.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process was killed: what it printed so far is all there is.
        }
    }

    /** Waits until a line of stderr contains {@code text}; false when the process ended first. */
    public boolean awaitLine(String text, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        synchronized (stderr) {
            while (stderr.stream().noneMatch(l -> l.contains(text))) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && stderr.stream().noneMatch(l -> l.contains(text)))) {
                    return false;
                }
                stderr.wait(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            }
            return true;
        }
    }

    /** SIGKILL: no shutdown hook, no finally block runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the process to end and returns its exit code. */
    public int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child JVM did not end within " + timeoutSeconds + " s: " + stderr());
        }
        return process.exitValue();
    }

    public String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }
}
