package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * How much of a lake {@code traceflux capture} reads to cut a 10-minute window, and how long it
 * takes next to a full scan of the lake (docs/capture.md). Generates the lake once (Delta,
 * partitioned by date and hour) and keeps it while its recipe is the same; then runs the real
 * command line in fresh JVMs: the cut, then the full scan, each {@code repeats} times, and
 * prints the scan metrics the cut recorded in capture.json and the times.
 *
 * <p>Usage: {@code LakeBench <rows> <days>}; environment: BENCH_LAKE (folder, default
 * bench/data/lake), BENCH_SEED (42), BENCH_LAKE_FILES_PER_HOUR (4), BENCH_REPEATS (3).
 */
public final class LakeBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The cut window: ten minutes inside one hour, in the middle of the lake's fourth day. */
    static final Duration WINDOW_OFFSET = Duration.ofDays(3).plusHours(14).plusMinutes(3);
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final Path repo;
    private final String classpath;
    private final Path lake;
    private final Path work;

    private LakeBench(Path repo, Path lake) throws IOException {
        this.repo = repo;
        this.classpath = Launch.benchClasspath(repo);
        this.lake = lake;
        this.work = lake.resolveSibling(lake.getFileName() + "-runs");
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        Path lake = repo.resolve(env("BENCH_LAKE", "bench/data/lake")).toAbsolutePath().normalize();
        GenerateLake.Recipe recipe = new GenerateLake.Recipe(Long.parseLong(args[0]), Integer.parseInt(args[1]),
                Long.parseLong(env("BENCH_SEED", "42")), Integer.parseInt(env("BENCH_LAKE_FILES_PER_HOUR", "4")));
        int repeats = Integer.parseInt(env("BENCH_REPEATS", "3"));
        LakeBench bench = new LakeBench(repo, lake);
        bench.ensureLake(recipe);
        String loadBefore = Machine.loadAverage();
        Instant start = SyntheticLake.START.plus(WINDOW_OFFSET);
        List<Launch.Measured> cuts = new ArrayList<>();
        JsonNode manifest = null;
        for (int i = 1; i <= repeats; i++) {
            Path out = bench.work.resolve("cut");
            Bench.deleteTree(out);
            Launch.Measured cut = bench.run("cut-" + i, Main.class.getName(), "capture", "--from", lake.toString(),
                    "--window-start", start.toString(), "--window-end", start.plus(WINDOW).toString(),
                    "--out", out.toString());
            cuts.add(cut);
            manifest = JSON.readTree(out.resolve("capture.json").toFile());
            log("cut " + i + ": " + firstLine(cut.out()));
        }
        List<Launch.Measured> scans = new ArrayList<>();
        for (int i = 1; i <= repeats; i++) {
            Launch.Measured scan = bench.run("full-scan-" + i, LakeScan.class.getName(), lake.toString());
            scans.add(scan);
            log("full scan " + i + ": " + firstLine(scan.out()));
        }
        ObjectNode result = result(recipe, manifest, cuts, scans);
        result.put("run_at", Instant.now().toString());
        result.put("commit", bench.commit());
        result.put("load_average_before", loadBefore);
        result.put("load_average_after", Machine.loadAverage());
        Path json = bench.work.resolve("results").resolve(Instant.now().toString().replace(':', '-') + ".json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.print(report(result));
        LakeReport.write(result, repo.resolve("docs/capture.md"));
        System.out.println("wrote " + repo.relativize(json) + " and the results part of docs/capture.md");
    }

    /** Generates the lake unless its recipe file says it was made with this very recipe. */
    private void ensureLake(GenerateLake.Recipe recipe) throws IOException, InterruptedException {
        Path file = recipe.file(lake);
        if (Files.exists(file) && JSON.readTree(file.toFile()).toString().equals(recipe.toJson(JSON).toString())) {
            log("lake " + lake + " is current (" + recipe.rows() + " signals over " + recipe.days() + " days)");
            return;
        }
        log("generating " + recipe.rows() + " signals over " + recipe.days() + " days into " + lake);
        Files.deleteIfExists(file);
        Bench.deleteTree(lake);
        Launch.Measured gen = run("generate", GenerateLake.class.getName(), lake.toString(),
                String.valueOf(recipe.rows()), String.valueOf(recipe.days()), String.valueOf(recipe.seed()),
                String.valueOf(recipe.filesPerHour()));
        log(String.format(Locale.ROOT, "generated in %.0f s wall, %.0f s CPU", gen.wallSeconds(), gen.cpuSeconds()));
    }

    private Launch.Measured run(String name, String main, String... args) throws IOException, InterruptedException {
        Launch.Measured m = new Launch(0).run(Launch.sparkJava("4g", null, classpath, main, args),
                Map.of("SPARK_LOCAL_IP", "127.0.0.1"), work.resolve("logs"), name);
        Bench.check(m, name);
        return m;
    }

    /** The checked-out commit, marked when the working tree differs from it. */
    private String commit() throws IOException, InterruptedException {
        String head = git("rev-parse", "--short", "HEAD");
        return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + " (with local changes)";
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 ? out : "unknown";
    }

    private static ObjectNode result(GenerateLake.Recipe recipe, JsonNode manifest, List<Launch.Measured> cuts,
                                     List<Launch.Measured> scans) {
        ObjectNode node = JSON.createObjectNode();
        node.set("recipe", recipe.toJson(JSON));
        node.put("machine", Machine.describe());
        node.put("window_start", manifest.path("window_start").asText());
        node.put("window_end", manifest.path("window_end").asText());
        node.put("signals_cut", manifest.path("signals").asLong());
        node.set("lake", manifest.path("lake"));
        node.set("scan", manifest.path("scan"));
        node.put("bytes_read_share", manifest.at("/scan/bytes_read").asDouble() / manifest.at("/lake/bytes").asDouble());
        node.put("files_read_share", manifest.at("/scan/files_read").asDouble() / manifest.at("/lake/files").asDouble());
        node.set("cut_seconds", seconds(cuts, m -> inProcess(m.out(), "Cut capture cut in ")));
        node.set("cut_process_seconds", seconds(cuts, Launch.Measured::wallSeconds));
        node.set("full_scan_seconds", seconds(scans, m -> inProcess(m.out(), "full scan in ")));
        node.set("full_scan_process_seconds", seconds(scans, Launch.Measured::wallSeconds));
        return node;
    }

    private static String report(ObjectNode r) {
        StringBuilder s = new StringBuilder("\n");
        JsonNode lake = r.path("lake");
        s.append(String.format(Locale.ROOT, "lake        %,d signals, %d files, %.1f MiB, partitioned by %s%n",
                r.at("/recipe/rows").asLong(), lake.path("files").asLong(), lake.path("bytes").asDouble() / (1 << 20),
                lake.path("partition_columns")));
        s.append(String.format(Locale.ROOT, "window      [%s, %s): %,d signals cut%n", r.path("window_start").asText(),
                r.path("window_end").asText(), r.path("signals_cut").asLong()));
        s.append(String.format(Locale.ROOT, "read        %d of %d files (%.2f%%), %.1f of %.1f MiB (%.2f%% of the bytes), "
                        + "%d partitions%n", r.at("/scan/files_read").asLong(), lake.path("files").asLong(),
                100 * r.path("files_read_share").asDouble(), r.at("/scan/bytes_read").asDouble() / (1 << 20),
                lake.path("bytes").asDouble() / (1 << 20), 100 * r.path("bytes_read_share").asDouble(),
                r.at("/scan/partitions_read").asLong()));
        s.append("partition filters " + r.at("/scan/partition_filters") + "\n");
        s.append(String.format(Locale.ROOT, "cut         %s s in the command (median %.2f), %s s per process%n",
                r.path("cut_seconds"), median(r.path("cut_seconds")), r.path("cut_process_seconds")));
        s.append(String.format(Locale.ROOT, "full scan   %s s in the process (median %.2f), %s s per process%n",
                r.path("full_scan_seconds"), median(r.path("full_scan_seconds")), r.path("full_scan_process_seconds")));
        s.append(String.format(Locale.ROOT, "cut / full scan: %.3f (medians, in-process)%n",
                median(r.path("cut_seconds")) / median(r.path("full_scan_seconds"))));
        return s.toString();
    }

    private static ArrayNode seconds(List<Launch.Measured> runs, ToDoubleFunction<Launch.Measured> f) {
        ArrayNode node = JSON.createArrayNode();
        runs.forEach(m -> node.add(Math.round(f.applyAsDouble(m) * 100) / 100.0));
        return node;
    }

    static double median(JsonNode values) {
        List<Double> sorted = new ArrayList<>();
        values.forEach(v -> sorted.add(v.asDouble()));
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The seconds printed after {@code prefix} on a line of the command's stdout. */
    private static double inProcess(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(prefix.length()).split(" ")[0]))
                .orElseThrow(() -> new IllegalStateException("no line starting '" + prefix + "' in:\n" + out));
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void log(String what) {
        System.out.printf(Locale.ROOT, "[%s] %s%n", Instant.now().toString().substring(11, 19), what);
    }
}
