package io.traceflux.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the benchmark needs to know about the machine: a description for the report, and the
 * CPU time all processes used (from {@code /proc/stat}), so a run can say how much of the
 * machine other work took while it was measured.
 */
final class Machine {

    private static final double TICKS_PER_SECOND = 100.0;

    private Machine() {
    }

    /** Busy CPU seconds of the whole machine since boot (user, nice, system, irq, softirq, steal). */
    static double busySeconds() {
        String[] f = firstLine("/proc/stat").trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(f[i]);
        }
        return busy / TICKS_PER_SECOND;
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The share of the machine's cores busy over the next {@code seconds}. */
    static double busyShare(double seconds) {
        double before = busySeconds();
        sleep(seconds);
        return (busySeconds() - before) / (seconds * cores());
    }

    /**
     * Waits up to {@code maxSeconds} until at most {@code share} of the cores are busy (other
     * helpers' builds on a shared machine); returns the last share seen.
     */
    static double waitQuiet(double share, double maxSeconds) {
        long deadline = System.nanoTime() + (long) (maxSeconds * 1e9);
        double seen = busyShare(2);
        while (seen > share && System.nanoTime() < deadline) {
            seen = busyShare(3);
        }
        return seen;
    }

    static String loadAverage() {
        return firstLine("/proc/loadavg").split(" ")[0];
    }

    /** One line: CPU model, cores, memory, OS and kernel. */
    static String describe() {
        String cpu = lines("/proc/cpuinfo").stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memKb = lines("/proc/meminfo").stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        String os = lines("/etc/os-release").stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .map(l -> l.substring(12).replace("\"", "")).orElse("unknown OS");
        return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB RAM, %s, Linux %s", cpu, cores(),
                memKb / 1024.0 / 1024.0, os, System.getProperty("os.version"));
    }

    private static String firstLine(String file) {
        return lines(file).get(0);
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
