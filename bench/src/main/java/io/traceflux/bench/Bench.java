package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The benchmark runner behind {@code bench/run.sh}: for each window size (and each storm
 * variant asked for) it makes sure the synthetic capture exists, then measures, one after the
 * other on the same files: the floor job, the full replay (as {@code bin/traceflux} runs it,
 * with a {@code policy:} baseline, parity and every table written) and the DuckDB peer; then
 * checks that the peer and the replay agree. It prints one table and rewrites the results part
 * of {@code docs/benchmarks.md} and {@code docs/benchmarks.svg}.
 *
 * <p>Usage: {@code Bench <sizes> [<storm-sizes>]}, sizes like {@code 1m,3m,10m} or {@code 100k}.
 * Settings come from the environment (see {@link Settings}).
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repo;
    private final Settings settings;
    private final Launch launch;
    private final String classpath;

    private Bench(Path repo, Settings settings) throws IOException {
        this.repo = repo;
        this.settings = settings;
        this.launch = new Launch(settings.quietWaitSeconds());
        this.classpath = Launch.benchClasspath(repo);
    }

    /**
     * Knobs, from environment variables with these defaults. A replay that runs out of memory at
     * {@code heap} is measured again at {@code fallbackHeap} (and the heap target is missed).
     */
    record Settings(String heap, Optional<String> fallbackHeap, long seed, int files, double stormShare,
                    int duckThreads, String duckMemory, String duckFallbackMemory, double quietWaitSeconds) {

        static Settings fromEnv() {
            Map<String, String> env = System.getenv();
            int cores = Machine.cores();
            String fallback = env.getOrDefault("BENCH_FALLBACK_HEAP", "8g");
            return new Settings(env.getOrDefault("BENCH_HEAP", "2g"),
                    fallback.equals("none") ? Optional.empty() : Optional.of(fallback),
                    Long.parseLong(env.getOrDefault("BENCH_SEED", "42")),
                    Integer.parseInt(env.getOrDefault("BENCH_FILES", String.valueOf(2 * cores))),
                    Double.parseDouble(env.getOrDefault("BENCH_STORM_SHARE", String.valueOf(1.0 / 3))),
                    Integer.parseInt(env.getOrDefault("BENCH_DUCK_THREADS", String.valueOf(cores))),
                    env.getOrDefault("BENCH_DUCK_MEMORY", "2GB"),
                    env.getOrDefault("BENCH_DUCK_FALLBACK_MEMORY", "8GB"),
                    Double.parseDouble(env.getOrDefault("BENCH_QUIET_WAIT", "60")));
        }
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        List<Long> sizes = sizes(args.length > 0 ? args[0] : "1m,3m,10m");
        List<Long> storms = sizes(args.length > 1 ? args[1] : "3m,10m");
        Bench bench = new Bench(repo, Settings.fromEnv());
        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        List<CaseResult> results = new ArrayList<>();
        Run run = null;
        for (long rows : sizes) {
            for (boolean storm : storms.contains(rows) ? List.of(false, true) : List.of(false)) {
                results.add(bench.measure(rows, storm));
                // Written after every window, so a run stopped half-way still reports what it measured.
                run = new Run(started, Instant.now(), loadBefore, Machine.loadAverage(), Machine.describe(),
                        bench.settings, bench.versions(results), List.copyOf(results), Optional.empty());
                bench.write(run);
            }
        }
        Optional<GrowthReference> reference = bench.growthReference(results);
        if (reference.isPresent()) {
            run = new Run(started, Instant.now(), loadBefore, Machine.loadAverage(), Machine.describe(),
                    bench.settings, bench.versions(results), List.copyOf(results), reference);
            bench.write(run);
        }
        System.out.println();
        System.out.print(Report.table(run));
        System.out.println("\nwrote docs/benchmarks.md, docs/benchmarks.svg and bench/data/results/");
    }

    private void write(Run run) throws IOException {
        Report.write(run, repo.resolve("docs/benchmarks.md"), repo.resolve("docs/benchmarks.svg"));
        Path json = repo.resolve("bench/data/results/" + run.started().toString().replace(':', '-') + ".json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Report.json(run)));
    }

    /**
     * One benchmark run: when, where, with what, and the results per window; {@code growthReference}
     * when the smallest window had to be replayed again at the largest one's heap.
     */
    record Run(Instant started, Instant finished, String loadBefore, String loadAfter, String machine,
               Settings settings, Map<String, String> versions, List<CaseResult> results,
               Optional<GrowthReference> growthReference) {
    }

    /** A replay of {@code window} at {@code heap}, so that the growth factor compares equal heaps. */
    record GrowthReference(String window, String heap, Launch.Measured run) {
    }

    /**
     * When the largest unskewed window ran at the fallback heap and the smallest did not, replays
     * the smallest again at that heap: a growth factor between two heaps would mostly measure GC.
     */
    private Optional<GrowthReference> growthReference(List<CaseResult> results) throws IOException,
            InterruptedException {
        List<CaseResult> plain = results.stream().filter(r -> !r.storm())
                .sorted(Comparator.comparingLong(CaseResult::rows)).toList();
        if (plain.size() < 2) {
            return Optional.empty();
        }
        CaseResult small = plain.get(0);
        String heap = plain.get(plain.size() - 1).replayHeapSetting();
        if (small.replayHeapSetting().equals(heap)) {
            return Optional.empty();
        }
        log(small.name(), "replay again at -Xmx" + heap + ", the largest window's heap, for the growth factor");
        Launch.Measured again = replay(repo.resolve("bench/data/" + small.name()),
                repo.resolve("bench/data/runs/" + small.name()), small.name(), heap, "replay-growth-" + heap);
        check(again, "replay at -Xmx" + heap);
        log(small.name(), String.format(Locale.ROOT, "replay at -Xmx%s %.1f s", heap, again.wallSeconds()));
        return Optional.of(new GrowthReference(small.name(), heap, again));
    }

    private CaseResult measure(long rows, boolean storm) throws IOException, InterruptedException {
        String name = label(rows) + (storm ? "-storm" : "");
        Path capture = repo.resolve("bench/data/" + name);
        Path work = repo.resolve("bench/data/runs/" + name);
        ensureCapture(capture, rows, storm ? settings.stormShare() : 0.0);
        deleteTree(work);
        Files.createDirectories(work);
        log(name, "floor: read the Parquet, write it once to Delta");
        Launch.Measured floor = launch.run(Launch.sparkJava(settings.heap(), work.resolve("floor.gc.log"), classpath,
                Floor.class.getName(), capture.resolve("signals").toString(), work.resolve("floor-delta").toString()),
                Map.of(), work, "floor");
        check(floor, "floor");
        log(name, String.format(Locale.ROOT, "floor %.1f s; replay with policy baseline", floor.wallSeconds()));
        Replayed replayed = replayWithFallback(capture, work, name);
        log(name, String.format(Locale.ROOT, "replay %.1f s; DuckDB peer", replayed.run().wallSeconds()));
        Path duckOut = work.resolve("duckdb");
        String duckMemory = settings.duckMemory();
        Launch.Measured duck = duck(capture, work, duckOut, duckMemory);
        if (duck.exitCode() != 0) {
            duckMemory = settings.duckFallbackMemory();
            log(name, "DuckDB failed at memory_limit " + settings.duckMemory() + "; again at " + duckMemory);
            duck = duck(capture, work, duckOut, duckMemory);
        }
        check(duck, "duckdb");
        log(name, String.format(Locale.ROOT, "DuckDB %.1f s; checking agreement (not timed)", duck.wallSeconds()));
        Launch.Measured replay = replayed.run();
        CaseResult result = new CaseResult(name, rows, storm, parquetMiB(capture), settings.files(), floor,
                replayed.heap(), replayed.outOfMemory(), replay, ReplayLog.parse(replay.out(), replay.err()),
                GcLog.read(gcLog(work, replayed.heap())), duck, duckMemory,
                JSON.readTree(Files.readString(duckOut.resolve("result.json"))), agreement(work, name, duckOut));
        log(name, result.agrees() ? "DuckDB and the replay agree" : "DISAGREE: " + result.disagreements());
        return result;
    }

    /** The measured replay, the heap it ran with, and the attempt that ran out of memory before it. */
    private record Replayed(Launch.Measured run, String heap, Optional<Launch.Measured> outOfMemory) {
    }

    /** At the configured heap; after an OutOfMemoryError, once more at the fallback heap. */
    private Replayed replayWithFallback(Path capture, Path work, String name) throws IOException,
            InterruptedException {
        Launch.Measured first = replay(capture, work, name, settings.heap(), "replay");
        if (first.exitCode() == 0 || !outOfMemory(first) || settings.fallbackHeap().isEmpty()) {
            check(first, "replay");
            return new Replayed(first, settings.heap(), Optional.empty());
        }
        String heap = settings.fallbackHeap().get();
        log(name, String.format(Locale.ROOT, "replay ran out of memory at -Xmx%s after %.1f s; again at -Xmx%s",
                settings.heap(), first.wallSeconds(), heap));
        Launch.Measured second = replay(capture, work, name, heap, "replay-" + heap);
        check(second, "replay at -Xmx" + heap);
        return new Replayed(second, heap, Optional.of(first));
    }

    /** The agreement check's JSON, or null when it failed to run. */
    private JsonNode agreement(Path work, String name, Path duckOut) throws IOException, InterruptedException {
        Launch.Measured agreement = new Launch(0).run(Launch.sparkJava("4g", null, classpath,
                Agreement.class.getName(), work.resolve("warehouse").toString(), executionId(name), duckOut.toString()),
                Map.of(), work, "agreement");
        return agreement.exitCode() == 0 ? JSON.readTree(lineAfter(agreement.out(), "AGREEMENT ")) : null;
    }

    private Launch.Measured duck(Path capture, Path work, Path out, String memory) throws IOException,
            InterruptedException {
        deleteTree(out);
        return launch.run(List.of("java", "-Xmx1g", "-cp", classpath, DuckPeer.class.getName(), capture.toString(),
                policy("v2").toString(), policy("v1").toString(), out.toString(), String.valueOf(settings.duckThreads()),
                memory), Map.of(), work, "duckdb-" + memory);
    }

    /** The measured replay, at {@code heap}, in a fresh warehouse. */
    private Launch.Measured replay(Path capture, Path work, String name, String heap, String logName)
            throws IOException, InterruptedException {
        deleteTree(work.resolve("warehouse"));
        Launch.Measured replay = launch.run(replayCommand(capture, work, name),
                Map.of("TRACEFLUX_DRIVER_MEMORY", heap, "JDK_JAVA_OPTIONS", "-Xlog:gc:file=" + gcLog(work, heap)),
                work, logName);
        if (replay.err().contains("building the job jar")) {
            throw new IllegalStateException("bin/traceflux rebuilt the jar inside the measured run: run bench/run.sh,"
                    + " which builds first");
        }
        return replay;
    }

    private Path gcLog(Path work, String heap) {
        return work.resolve(heap.equals(settings.heap()) ? "replay.gc.log" : "replay-" + heap + ".gc.log");
    }

    /** Spark exits 52 when a task thread dies of OutOfMemoryError; the driver may say so itself. */
    private static boolean outOfMemory(Launch.Measured m) {
        return m.exitCode() == 52 || m.err().contains("java.lang.OutOfMemoryError");
    }

    private List<String> replayCommand(Path capture, Path work, String name) {
        return List.of(repo.resolve("bin/traceflux").toString(), "replay", "--capture", capture.toString(),
                "--policy", policy("v2").toString(), "--baseline", "policy:" + policy("v1"),
                "--warehouse", work.resolve("warehouse").toString(), "--execution-id", executionId(name),
                "--triggered-by", "bench", "--reason", "benchmark " + name);
    }

    private Path policy(String version) {
        return repo.resolve("bench/policies/bench/" + version + ".yaml");
    }

    private static String executionId(String name) {
        return "bench-" + name;
    }

    /** Generates the capture unless capture.json says it was made with this very recipe. */
    private void ensureCapture(Path capture, long rows, double stormShare) throws IOException, InterruptedException {
        Generate.Recipe recipe = new Generate.Recipe(rows, stormShare, settings.seed(), settings.files());
        Path manifest = capture.resolve("capture.json");
        // Compared as text: a parsed 100000 is an int node, a written one a long node.
        if (Files.exists(manifest)
                && JSON.readTree(manifest.toFile()).path("generator").toString().equals(recipe.toJson(JSON).toString())) {
            return;
        }
        log(capture.getFileName().toString(), "generating " + rows + " signals (not timed)");
        deleteTree(capture);
        Files.createDirectories(capture);
        Launch.Measured gen = new Launch(0).run(Launch.sparkJava("4g", null, classpath, Generate.class.getName(),
                capture.toString(), String.valueOf(rows), String.valueOf(stormShare), String.valueOf(settings.seed()),
                String.valueOf(settings.files())), Map.of(), capture.getParent().resolve("runs"), "generate-"
                + capture.getFileName());
        check(gen, "generator");
    }

    /** Versions of what was measured, from the jars on the classpath and the peer's answer. */
    private Map<String, String> versions(List<CaseResult> results) {
        Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        v.put("Spark", jarVersion("spark-sql_2.12-"));
        v.put("Delta Lake", jarVersion("delta-spark_2.12-"));
        v.put("DuckDB JDBC", jarVersion("duckdb_jdbc-"));
        results.stream().findFirst().ifPresent(r -> v.put("DuckDB", r.duckResult().path("duckdb_version").asText()));
        return v;
    }

    private String jarVersion(String prefix) {
        for (String jar : classpath.split(java.io.File.pathSeparator)) {
            String file = Path.of(jar).getFileName().toString();
            if (file.startsWith(prefix) && file.endsWith(".jar")) {
                return file.substring(prefix.length(), file.length() - 4);
            }
        }
        return "unknown";
    }

    static void check(Launch.Measured m, String what) {
        if (m.exitCode() != 0) {
            throw new IllegalStateException(what + " exited " + m.exitCode() + "; see " + m.stderr());
        }
    }

    private static String lineAfter(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b)
                .map(l -> l.substring(prefix.length())).orElse("null");
    }

    private static double parquetMiB(Path capture) throws IOException {
        try (Stream<Path> files = Files.list(capture.resolve("signals"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .mapToLong(f -> f.toFile().length()).sum() / 1024.0 / 1024.0;
        }
    }

    static List<Long> sizes(String text) {
        List<Long> sizes = new ArrayList<>();
        for (String s : text.split(",")) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            long unit = t.endsWith("m") ? 1_000_000 : t.endsWith("k") ? 1_000 : 1;
            sizes.add(Math.round(Double.parseDouble(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit));
        }
        return sizes;
    }

    static String label(long rows) {
        if (rows % 1_000_000 == 0) {
            return rows / 1_000_000 + "m";
        }
        return rows % 1_000 == 0 ? rows / 1_000 + "k" : String.valueOf(rows);
    }

    private static void log(String name, String what) {
        System.out.printf(Locale.ROOT, "[%s] %-9s %s%n", Instant.now().toString().substring(11, 19), name, what);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
