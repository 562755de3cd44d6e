package io.traceflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.InvalidInputException;
import io.traceflux.policy.PolicyLoader;
import io.traceflux.testkit.Cli;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed policies ({@link MalformedPolicies}) through {@code policy validate} and {@code replay},
 * in process: 140 cases by default (ten of each kind, a few seconds), 5,000 with
 * {@code -Dtraceflux.soak=true}, any number with {@code -Dtraceflux.fuzz.cases=N}, another sequence
 * with {@code -Dtraceflux.fuzz.seed=S}. Every invalid one exits 2 from both with one line per error
 * naming the file, no stack trace, nothing written (the replay's warehouse is never created),
 * within bounded memory and time; a mutation that happens to be valid is recognised by loading it,
 * and must then validate with exit 0.
 */
class PolicyFuzzTest {

    static final Path REPO = Path.of(System.getProperty("traceflux.repo", ".."));
    static final int CASES = Integer.getInteger("traceflux.fuzz.cases", Boolean.getBoolean("traceflux.soak") ? 5_000 : 140);
    static final long SEED = Long.getLong("traceflux.fuzz.seed", 19L);

    /** Generous guards: a case past either is a hang or a blow-up, not a slow machine. */
    static final long MAX_SECONDS_PER_CASE = 60;
    static final long MAX_ALLOCATED_PER_CASE = 1L << 30;

    @TempDir
    Path dir;

    private static ExecutorService worker;

    @BeforeAll
    static void startWorker() {
        worker = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    /** What one case did: its outcome, the failures it showed, its time and its allocations. */
    record Outcome(boolean valid, List<String> failures, long nanos, long allocated) {
    }

    @Test
    void malformedPoliciesAreRefusedCleanly() throws Exception {
        MalformedPolicies generator = new MalformedPolicies(REPO.resolve("policies"), SEED);
        List<String> failures = new ArrayList<>();
        Map<String, int[]> perKind = new TreeMap<>(); // kind -> {cases, valid}
        long maxNanos = 0;
        long maxAllocated = 0;
        long started = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            MalformedPolicies.Case c = generator.next();
            int index = i;
            Path caseDir = dir.resolve("case-" + i);
            Future<Outcome> running = worker.submit(() -> check(c, caseDir));
            Outcome outcome;
            try {
                outcome = running.get(MAX_SECONDS_PER_CASE, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                failures.add(describe(i, c) + ": still running after " + MAX_SECONDS_PER_CASE + " s");
                break;
            }
            outcome.failures().forEach(f -> failures.add(describe(index, c) + ": " + f));
            int[] counts = perKind.computeIfAbsent(c.kind(), k -> new int[2]);
            counts[0]++;
            counts[1] += outcome.valid() ? 1 : 0;
            maxNanos = Math.max(maxNanos, outcome.nanos());
            maxAllocated = Math.max(maxAllocated, outcome.allocated());
            deleteTree(caseDir);
        }
        StringBuilder summary = new StringBuilder(String.format("policy fuzz: %d cases (seed %d) in %.1f s; slowest %.0f ms, "
                + "most allocated %d MiB; per kind (cases/valid):", CASES, SEED, (System.nanoTime() - started) / 1e9,
                maxNanos / 1e6, maxAllocated >> 20));
        perKind.forEach((kind, counts) -> summary.append(' ').append(kind).append(' ').append(counts[0]).append('/').append(counts[1]));
        System.out.println(summary);

        assertThat(failures).as(summary.toString()).isEmpty();
        assertThat(perKind).hasSize(14);
        assertThat(maxAllocated).as("bytes allocated by the worst case").isLessThan(MAX_ALLOCATED_PER_CASE);
    }

    /** Writes the case, learns whether it is valid, and runs both commands on it. */
    private static Outcome check(MalformedPolicies.Case c, Path caseDir) throws IOException {
        Path file = Files.createDirectories(caseDir.resolve(c.folder())).resolve(c.fileName());
        Files.write(file, c.bytes());
        Path warehouse = caseDir.resolve("warehouse");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();

        List<String> failures = new ArrayList<>();
        boolean valid = false;
        try {
            PolicyLoader.load(file);
            valid = true;
        } catch (InvalidInputException e) {
            valid = false;
        } catch (Throwable e) { // the loader's own failure is the finding
            failures.add("the loader threw " + e);
        }
        if (valid && c.certainlyInvalid()) {
            failures.add("the generator made a valid policy of a mutation that cannot be valid");
        }

        Cli.Result validate = Cli.run("policy", "validate", file.toString());
        checkRun("policy validate", validate, valid ? 0 : 2, file, failures);
        if (!valid) { // a valid policy would start Spark: its replay is what the other tests run
            Cli.Result replay = Cli.run("replay", "--capture", caseDir.resolve("no-capture").toString(), "--policy", file.toString(),
                    "--warehouse", warehouse.toString(), "--execution-id", "fuzz");
            checkRun("replay", replay, 2, file, failures);
        }
        long nanos = System.nanoTime() - started;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        try (Stream<Path> written = Files.walk(caseDir)) {
            List<Path> extra = written.filter(p -> !p.equals(caseDir) && !p.equals(file) && !p.equals(file.getParent())).toList();
            if (!extra.isEmpty()) {
                failures.add("wrote " + extra);
            }
        }
        return new Outcome(valid, failures, nanos, allocated);
    }

    /** Exit code as expected; every stderr line one error naming the file; no stack trace. */
    private static void checkRun(String command, Cli.Result run, int expected, Path file, List<String> failures) {
        if (run.exit() != expected) {
            failures.add(command + " exited " + run.exit() + ", not " + expected + ": " + firstLine(run.err()));
        }
        List<String> lines = run.err().lines().toList();
        if (expected == 2 && lines.isEmpty()) {
            failures.add(command + " printed no error");
        }
        for (String line : lines) {
            String error = line.startsWith("traceflux: error: ") ? line.substring("traceflux: error: ".length()) : line;
            if (!error.startsWith(file + ":") || line.startsWith("\tat ") || line.contains("Exception")) {
                failures.add(command + " printed a line that is not one error about the file: " + shorten(line));
                return;
            }
        }
        if (lines.size() > 51) {
            failures.add(command + " printed " + lines.size() + " lines");
        }
    }

    private static String describe(int i, MalformedPolicies.Case c) {
        return "case " + i + " (" + c.kind() + ": " + c.detail() + ", " + c.folder() + "/" + c.fileName() + ")";
    }

    private static String firstLine(String text) {
        return shorten(text.lines().findFirst().orElse(""));
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
