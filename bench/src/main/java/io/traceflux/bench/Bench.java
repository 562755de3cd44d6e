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
 * The benchmark runner behind {@code bench/run.sh}. First the README's sample replay, from a
 * fresh process; then for each window size (and each storm variant asked for) it makes sure the
 * synthetic capture exists and measures, one after the other on the same files: the floor job,
 * the replay of one policy without a baseline, the full replay (with a {@code policy:} baseline:
 * two policies, parity, every table and the bundle), both as {@code bin/traceflux} runs them, and
 * the DuckDB peer once for each of the two; then checks that each peer run agrees with its
 * replay. It prints the tables and rewrites the results part of {@code docs/benchmarks.md} and
 * {@code docs/benchmarks.svg}.
 *
 * <p>Usage: {@code Bench <sizes> [<storm-sizes>]}, sizes like {@code 1m,3m,10m} or {@code 100k}.
 * Settings come from the environment (see {@link Settings}).
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_SIZES = "1m,10m";
    static final String DEFAULT_STORMS = "1m,10m";
    /** The README's first command. */
    static final String SAMPLE_CAPTURE = "test-data/captures/nezha-tt-2023-01-29";
    static final String SAMPLE_POLICY = "tt-checkout@v2";

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
                    int duckThreads, String duckMemory, double quietWaitSeconds) {

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
                    env.getOrDefault("BENCH_DUCK_MEMORY", "default"),
                    Double.parseDouble(env.getOrDefault("BENCH_QUIET_WAIT", "60")));
        }
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        List<Long> sizes = sizes(args.length > 0 ? args[0] : DEFAULT_SIZES);
        List<Long> storms = sizes(args.length > 1 ? args[1] : DEFAULT_STORMS);
        Bench bench = new Bench(repo, Settings.fromEnv());
        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        Launch.Measured sample = bench.sample();
        List<CaseResult> results = new ArrayList<>();
        Run run = new Run(started, Instant.now(), loadBefore, Machine.loadAverage(), Machine.describe(),
                bench.settings, bench.versions(results), sample, List.of());
        for (long rows : sizes) {
            for (boolean storm : storms.contains(rows) ? List.of(false, true) : List.of(false)) {
                results.add(bench.measure(rows, storm));
                // Written after every window, so a run stopped half-way still reports what it measured.
                run = new Run(started, Instant.now(), loadBefore, Machine.loadAverage(), Machine.describe(),
                        bench.settings, bench.versions(results), sample, List.copyOf(results));
                bench.write(run);
            }
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

    /** One benchmark run: when, where, with what, the sample replay and the results per window. */
    record Run(Instant started, Instant finished, String loadBefore, String loadAfter, String machine,
               Settings settings, Map<String, String> versions, Launch.Measured sample, List<CaseResult> results) {
    }

    /** The README's first command, in a fresh warehouse: what a user waits for on a small window. */
    private Launch.Measured sample() throws IOException, InterruptedException {
        Path work = repo.resolve("bench/data/runs/sample");
        deleteTree(work);
        Files.createDirectories(work);
        log("sample", "the README's sample replay");
        Launch.Measured sample = launch.run(List.of(repo.resolve("bin/traceflux").toString(), "replay", "--capture",
                SAMPLE_CAPTURE, "--policy", SAMPLE_POLICY, "--execution-id", "sample", "--warehouse",
                work.resolve("warehouse").toString()), Map.of("TRACEFLUX_DRIVER_MEMORY", settings.heap()), work, "replay");
        check(sample, "sample replay");
        log("sample", String.format(Locale.ROOT, "sample replay %.1f s", sample.wallSeconds()));
        return sample;
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
        log(name, String.format(Locale.ROOT, "floor %.1f s; replay of one policy, no baseline", floor.wallSeconds()));
        CaseResult.Replay one = replayWithFallback(capture, work, name, Kind.ONE);
        log(name, String.format(Locale.ROOT, "one policy %.1f s; replay with the policy baseline", one.wall()));
        CaseResult.Replay full = replayWithFallback(capture, work, name, Kind.FULL);
        log(name, String.format(Locale.ROOT, "full %.1f s; DuckDB peer, one policy", full.wall()));
        Launch.Measured duckOne = duck(capture, work, Kind.ONE);
        log(name, String.format(Locale.ROOT, "DuckDB one policy %.1f s; DuckDB peer, two policies", duckOne.wallSeconds()));
        Launch.Measured duckFull = duck(capture, work, Kind.FULL);
        log(name, String.format(Locale.ROOT, "DuckDB two policies %.1f s; checking agreement (not timed)",
                duckFull.wallSeconds()));
        CaseResult result = new CaseResult(name, rows, storm, parquetMiB(capture), settings.files(), floor, one, full,
                peer(work, name, Kind.ONE, duckOne), peer(work, name, Kind.FULL, duckFull));
        log(name, result.agrees() ? "DuckDB and the replay agree" : "DISAGREE: " + result.disagreements());
        return result;
    }

    /** The two runs compared at every size: one policy alone, and the full run with a policy baseline. */
    enum Kind {
        ONE("-one"), FULL("");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    /** At the configured heap; after an OutOfMemoryError, once more at the fallback heap. */
    private CaseResult.Replay replayWithFallback(Path capture, Path work, String name, Kind kind) throws IOException,
            InterruptedException {
        Launch.Measured first = replay(capture, work, name, kind, settings.heap());
        Optional<Launch.Measured> outOfMemory = Optional.empty();
        String heap = settings.heap();
        Launch.Measured measured = first;
        if (first.exitCode() != 0 && outOfMemory(first) && settings.fallbackHeap().isPresent()) {
            heap = settings.fallbackHeap().get();
            log(name, String.format(Locale.ROOT, "replay ran out of memory at -Xmx%s after %.1f s; again at -Xmx%s",
                    settings.heap(), first.wallSeconds(), heap));
            outOfMemory = Optional.of(first);
            measured = replay(capture, work, name, kind, heap);
        }
        check(measured, "replay" + kind.suffix + " at -Xmx" + heap);
        return new CaseResult.Replay(measured, heap, outOfMemory, ReplayLog.parse(measured.out(), measured.err()),
                GcLog.read(gcLog(work, kind, heap)));
    }

    /** The peer's result and the agreement check of its output with the replay's tables. */
    private CaseResult.Peer peer(Path work, String name, Kind kind, Launch.Measured duck) throws IOException,
            InterruptedException {
        Path out = work.resolve("duckdb" + kind.suffix);
        Launch.Measured agreement = new Launch(0).run(Launch.sparkJava("4g", null, classpath,
                Agreement.class.getName(), work.resolve("warehouse" + kind.suffix).toString(), executionId(name, kind),
                out.toString()), Map.of(), work, "agreement" + kind.suffix);
        JsonNode checked = agreement.exitCode() == 0 ? JSON.readTree(lineAfter(agreement.out(), "AGREEMENT ")) : null;
        return new CaseResult.Peer(duck, settings.duckMemory(), JSON.readTree(Files.readString(out.resolve("result.json"))),
                checked);
    }

    private Launch.Measured duck(Path capture, Path work, Kind kind) throws IOException, InterruptedException {
        Path out = work.resolve("duckdb" + kind.suffix);
        deleteTree(out);
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g", "-cp", classpath, DuckPeer.class.getName(),
                capture.toString(), out.toString(), String.valueOf(settings.duckThreads()), settings.duckMemory(),
                policy("v2").toString()));
        if (kind == Kind.FULL) {
            command.add(policy("v1").toString());
        }
        Launch.Measured duck = launch.run(command, Map.of(), work, "duckdb" + kind.suffix);
        check(duck, "duckdb" + kind.suffix);
        return duck;
    }

    /** The measured replay, at {@code heap}, in a fresh warehouse. */
    private Launch.Measured replay(Path capture, Path work, String name, Kind kind, String heap)
            throws IOException, InterruptedException {
        Path warehouse = work.resolve("warehouse" + kind.suffix);
        deleteTree(warehouse);
        List<String> command = new ArrayList<>(List.of(repo.resolve("bin/traceflux").toString(), "replay", "--capture",
                capture.toString(), "--policy", policy("v2").toString()));
        if (kind == Kind.FULL) {
            command.addAll(List.of("--baseline", "policy:" + policy("v1")));
        }
        command.addAll(List.of("--warehouse", warehouse.toString(), "--execution-id", executionId(name, kind),
                "--triggered-by", "bench", "--reason", "benchmark " + name + kind.suffix));
        Launch.Measured replay = launch.run(command,
                Map.of("TRACEFLUX_DRIVER_MEMORY", heap, "JDK_JAVA_OPTIONS", "-Xlog:gc:file=" + gcLog(work, kind, heap)),
                work, "replay" + kind.suffix + (heap.equals(settings.heap()) ? "" : "-" + heap));
        if (replay.err().contains("building the job jar")) {
            throw new IllegalStateException("bin/traceflux rebuilt the jar inside the measured run: run bench/run.sh,"
                    + " which builds first");
        }
        return replay;
    }

    private Path gcLog(Path work, Kind kind, String heap) {
        return work.resolve("replay" + kind.suffix + (heap.equals(settings.heap()) ? "" : "-" + heap) + ".gc.log");
    }

    /** Spark exits 52 when a task thread dies of OutOfMemoryError; the driver may say so itself. */
    private static boolean outOfMemory(Launch.Measured m) {
        return m.exitCode() == 52 || m.err().contains("java.lang.OutOfMemoryError");
    }

    private Path policy(String version) {
        return repo.resolve("bench/policies/bench/" + version + ".yaml");
    }

    private static String executionId(String name, Kind kind) {
        return "bench-" + name + kind.suffix;
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
        results.stream().findFirst().ifPresent(r -> v.put("DuckDB", r.peerFull().result().path("duckdb_version").asText()));
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

    private static void check(Launch.Measured m, String what) {
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

    private static void deleteTree(Path dir) throws IOException {
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
