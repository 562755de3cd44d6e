package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link Bench.Run} into the console table, the results part of
 * {@code docs/benchmarks.md} (between two markers; the hand-written rest is kept), the chart
 * and a JSON record. Also judges the targets of issue 6.
 */
final class Report {

    static final String START = "<!-- bench:results:start (bench/run.sh rewrites this part) -->";
    static final String END = "<!-- bench:results:end -->";

    /** Issue 6's targets. */
    static final double MAX_10M_SECONDS = 90;
    static final double MAX_OVER_FLOOR = 4;
    static final double MAX_OVER_DUCK = 4;
    static final double MAX_GROWTH_PER_10X = 11;
    static final double MAX_HEAP_MIB = 2048;
    static final double MAX_STORM_RATIO = 1.5;

    private Report() {
    }

    static String table(Bench.Run run) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%-10s %11s %9s %8s %8s %7s %8s %7s %10s %10s %9s %7s%n", "window",
                "signals", "Parquet", "floor", "replay", "÷floor", "DuckDB", "÷duck", "heap used", "after GC",
                "rows/s", "agree"));
        for (CaseResult r : run.results()) {
            t.append(String.format(Locale.ROOT, "%-10s %,11d %7.0fMi %7.1fs %7.1fs %6.2fx %7.1fs %6.2fx %8.0fMi %8.0fMi %,9.0f %7s%n",
                    r.name(), r.rows(), r.parquetMiB(), r.floor().wallSeconds(), r.replay().wallSeconds(),
                    r.replayOverFloor(), r.duck().wallSeconds(), r.replayOverDuck(), r.replayHeap().peakUsedMiB(),
                    r.replayHeap().peakAfterGcMiB(), r.rowsPerSecond(), r.agrees() ? "yes" : "NO"));
            r.outOfMemory().ifPresent(m -> t.append(String.format(Locale.ROOT,
                    "  %s: out of memory at -Xmx%s after %.1f s; the replay above ran at -Xmx%s%n", r.name(),
                    run.settings().heap(), m.wallSeconds(), r.replayHeapSetting())));
        }
        t.append('\n');
        for (Target target : targets(run)) {
            t.append(String.format(Locale.ROOT, "%-52s %-34s %s%n", target.what(), target.measured(), target.verdict()));
        }
        return t.toString();
    }

    /** One target of issue 6 and how this run did. */
    record Target(String what, String measured, String verdict) {
    }

    static List<Target> targets(Bench.Run run) {
        List<Target> targets = new ArrayList<>();
        Optional<CaseResult> ten = plain(run, 10_000_000);
        targets.add(ten.map(r -> judge("10M signals replayed with parity in <= 90 s", r.replay().wallSeconds(),
                        MAX_10M_SECONDS, "%.1f s"))
                .orElse(new Target("10M signals replayed with parity in <= 90 s", "not measured in this run", "-")));
        Optional<CaseResult> largest = run.results().stream().filter(r -> !r.storm())
                .max((a, b) -> Long.compare(a.rows(), b.rows()));
        largest.ifPresent(r -> {
            targets.add(judge("replay <= 4x the read+write floor (" + Bench.label(r.rows()) + ")", r.replayOverFloor(),
                    MAX_OVER_FLOOR, "%.2fx" + cpuNote(r.replay().cpuSeconds() / r.floor().cpuSeconds())));
            targets.add(judge("replay <= 4x DuckDB (" + Bench.label(r.rows()) + ")", r.replayOverDuck(), MAX_OVER_DUCK,
                    "%.2fx" + cpuNote(r.replay().cpuSeconds() / r.duck().cpuSeconds())));
        });
        List<CaseResult> unskewed = run.results().stream().filter(r -> !r.storm())
                .sorted((a, b) -> Long.compare(a.rows(), b.rows())).toList();
        if (unskewed.size() >= 2) {
            CaseResult small = unskewed.get(0);
            CaseResult big = unskewed.get(unskewed.size() - 1);
            double sizeFactor = (double) big.rows() / small.rows();
            double smallSeconds = run.growthReference().map(g -> g.run().wallSeconds())
                    .orElse(small.replay().wallSeconds());
            String heaps = run.growthReference().map(g -> String.format(Locale.ROOT, " (both at -Xmx%s; %s at -Xmx%s: %.1f s)",
                    g.heap(), g.window(), g.heap(), g.run().wallSeconds())).orElse("");
            targets.add(judge(String.format(Locale.ROOT, "growth %s -> %s <= %.1fx (linear: 11x per 10x)",
                    Bench.label(small.rows()), Bench.label(big.rows()), sizeFactor * 1.1),
                    big.replay().wallSeconds() / smallSeconds, sizeFactor * 1.1, "%.2fx" + heaps));
        }
        List<String> oom = run.results().stream().filter(r -> r.outOfMemory().isPresent()).map(CaseResult::name).toList();
        String heapTarget = "driver heap <= 2 GiB (ran with -Xmx" + run.settings().heap() + ")";
        if (oom.isEmpty()) {
            double heap = run.results().stream().mapToDouble(r -> r.replayHeap().peakUsedMiB()).max().orElse(Double.NaN);
            targets.add(judge(heapTarget, heap, MAX_HEAP_MIB, "%.0f MiB peak used"));
        } else {
            targets.add(new Target(heapTarget, "OutOfMemoryError on " + String.join(", ", oom), "MISSED"));
        }
        for (CaseResult storm : run.results().stream().filter(CaseResult::storm).toList()) {
            plain(run, storm.rows()).ifPresent(base -> targets.add(judge("storm <= 1.5x unskewed (" + Bench.label(storm.rows())
                    + ")", storm.replay().wallSeconds() / base.replay().wallSeconds(), MAX_STORM_RATIO, "%.2fx")));
        }
        boolean agree = run.results().stream().allMatch(CaseResult::agrees);
        targets.add(new Target("DuckDB peer and replay agree on every count", agree ? "all windows" : "NOT all windows",
                agree ? "met" : "MISSED"));
        return targets;
    }

    private static String cpuNote(double cpuRatio) {
        return String.format(Locale.ROOT, " (%.2fx in CPU time)", cpuRatio);
    }

    private static Target judge(String what, double value, double limit, String format) {
        return new Target(what, String.format(Locale.ROOT, format, value), value <= limit ? "met" : "MISSED");
    }

    private static Optional<CaseResult> plain(Bench.Run run, long rows) {
        return run.results().stream().filter(r -> !r.storm() && r.rows() == rows).findFirst();
    }

    /** Replaces the results part of the document (creating it if needed) and writes the chart. */
    static void write(Bench.Run run, Path doc, Path chart) throws IOException {
        Files.writeString(chart, SvgChart.render(run));
        String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n\n" + START + "\n" + END + "\n";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            text = text + "\n" + START + "\n" + END + "\n";
            start = text.indexOf(START);
            end = text.indexOf(END);
        }
        Files.writeString(doc, text.substring(0, start + START.length()) + "\n" + markdown(run, chart.getFileName().toString())
                + text.substring(end));
    }

    static String markdown(Bench.Run run, String chartFile) {
        StringBuilder md = new StringBuilder();
        Bench.Settings s = run.settings();
        md.append("\n## Results of the last run\n\n");
        md.append("Run `").append(System.getProperty("bench.command", "bench/run.sh")).append("` from ")
                .append(run.started().toString(), 0, 16).append(" to ").append(run.finished().toString(), 11, 16)
                .append(" UTC.\n\n");
        md.append("- **Machine**: ").append(run.machine()).append(".\n");
        md.append("- **Versions**: ");
        List<String> v = new ArrayList<>();
        run.versions().forEach((k, val) -> v.add(k + " " + val));
        md.append(String.join(", ", v)).append(".\n");
        md.append(String.format(Locale.ROOT, "- **Settings**: replay and floor as `bin/traceflux` runs them (`local[*]`,"
                + " the job's session settings, the parallel collector), driver `-Xmx%s`; DuckDB with %d threads and `memory_limit` %s; captures"
                + " of %d Parquet files (seed %d); storm share %.3f. A replay that runs out of memory is timed again"
                + " at -Xmx%s.%n", s.heap(), s.duckThreads(), s.duckMemory(),
                s.files(), s.seed(), s.stormShare(), s.fallbackHeap().orElse("(none)")));
        md.append(String.format(Locale.ROOT, "- **Contention**: load average %s before and %s after the run; each step"
                + " waited up to %.0f s for the machine to be quiet. \"others' CPU\" is the CPU time other processes"
                + " used while the replay ran (the machine has %d cores).%n%n", run.loadBefore(), run.loadAfter(),
                s.quietWaitSeconds(), Machine.cores()));
        md.append("Wall times are whole processes (JVM start and Spark session included), measured one after the other"
                + " on the same files.\n\n");
        md.append("| window | signals | Parquet | floor | replay | replay ÷ floor | DuckDB | replay ÷ DuckDB |"
                + " heap peak used / after GC | rows/s | others' CPU | agree |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (CaseResult r : run.results()) {
            md.append(String.format(Locale.ROOT, "| %s | %,d | %.0f MiB | %.1f s | %.1f s | %.2fx | %.1f s | %.2fx |"
                            + " %s | %,.0f | %.0f s | %s |%n", r.name(), r.rows(), r.parquetMiB(),
                    r.floor().wallSeconds(), r.replay().wallSeconds(), r.replayOverFloor(), r.duck().wallSeconds(),
                    r.replayOverDuck(), heapCell(run, r), r.rowsPerSecond(),
                    r.replay().otherCpuSeconds(), r.agrees() ? "yes" : "**no**: " + String.join("; ", r.disagreements())));
        }
        md.append("\nThe same runs in CPU seconds (user + system, the process and its children), which other"
                + " processes on the machine disturb much less than wall time:\n\n");
        md.append("| window | floor CPU | replay CPU | replay ÷ floor | DuckDB CPU | replay ÷ DuckDB | replay peak RSS |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (CaseResult r : run.results()) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f s | %.1f s | %.2fx | %.1f s | %.2fx | %.0f MiB |%n",
                    r.name(), r.floor().cpuSeconds(), r.replay().cpuSeconds(),
                    r.replay().cpuSeconds() / r.floor().cpuSeconds(), r.duck().cpuSeconds(),
                    r.replay().cpuSeconds() / r.duck().cpuSeconds(), r.replay().peakRssMiB()));
        }
        md.append("\n### Targets\n\n| target | measured | |\n|---|---|---|\n");
        for (Target t : targets(run)) {
            md.append("| ").append(t.what()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.verdict().equals("met") ? "met" : "**" + t.verdict() + "**").append(" |\n");
        }
        md.append("\n### Where the replay's time goes (seconds per step, from its progress lines)\n\n");
        md.append(stepsTable(run));
        md.append("\n### DuckDB peer (seconds per phase) and memory\n\n");
        md.append("| window | select | replay policy | baseline policy | pairs | write | peak RSS DuckDB |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (CaseResult r : run.results()) {
            JsonNode ph = r.duckResult().path("phases_s");
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.0f MiB |%n",
                    r.name(), ph.path("select").asDouble(), ph.path("replay").asDouble(), ph.path("baseline").asDouble(),
                    ph.path("pairs").asDouble(), ph.path("write").asDouble(), r.duck().peakRssMiB())
                    .replace(" MiB |\n", " MiB (memory_limit " + r.duckMemory() + ") |\n"));
        }
        md.append("\n![floor, replay and DuckDB wall time per window](").append(chartFile).append(")\n\n");
        return md.toString();
    }

    private static String heapCell(Bench.Run run, CaseResult r) {
        String used = String.format(Locale.ROOT, "%.0f / %.0f MiB", r.replayHeap().peakUsedMiB(),
                r.replayHeap().peakAfterGcMiB());
        return r.outOfMemory().map(m -> String.format(Locale.ROOT, "**OutOfMemoryError at -Xmx%s** after %.0f s;"
                + " at -Xmx%s: %s", run.settings().heap(), m.wallSeconds(), r.replayHeapSetting(), used)).orElse(used);
    }

    private static String stepsTable(Bench.Run run) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (CaseResult r : run.results()) {
            for (ReplayLog.Step s : r.replayLog().steps()) {
                columns.putIfAbsent(s.what(), columns.size());
            }
        }
        StringBuilder md = new StringBuilder("| window | ");
        md.append(String.join(" | ", columns.keySet())).append(" | in process | JVM + launcher |\n|---|");
        md.append("---:|".repeat(columns.size() + 2)).append('\n');
        for (CaseResult r : run.results()) {
            double[] cells = new double[columns.size()];
            for (ReplayLog.Step s : r.replayLog().steps()) {
                cells[columns.get(s.what())] += s.seconds();
            }
            md.append("| ").append(r.name()).append(" |");
            for (double c : cells) {
                md.append(String.format(Locale.ROOT, " %.1f |", c));
            }
            md.append(String.format(Locale.ROOT, " %.1f | %.1f |%n", r.replayLog().inProcessSeconds(),
                    r.replay().wallSeconds() - r.replayLog().inProcessSeconds()));
        }
        return md.toString();
    }

    static ObjectNode json(Bench.Run run) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("started", run.started().toString());
        root.put("finished", run.finished().toString());
        root.put("machine", run.machine());
        root.set("versions", json.valueToTree(run.versions()));
        Bench.Settings s = run.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("heap", s.heap());
        settings.put("fallback_heap", s.fallbackHeap().orElse(null));
        settings.put("seed", s.seed());
        settings.put("files", s.files());
        settings.put("storm_share", s.stormShare());
        settings.put("duckdb_threads", s.duckThreads());
        settings.put("duckdb_memory", s.duckMemory());
        settings.put("quiet_wait_s", s.quietWaitSeconds());
        var cases = root.putArray("results");
        for (CaseResult r : run.results()) {
            ObjectNode c = cases.addObject();
            c.put("window", r.name());
            c.put("rows", r.rows());
            c.put("parquet_mib", r.parquetMiB());
            c.set("floor", json.valueToTree(measured(r.floor())));
            c.set("replay", json.valueToTree(measured(r.replay())));
            c.put("replay_heap_setting", r.replayHeapSetting());
            r.outOfMemory().ifPresent(m -> c.set("replay_out_of_memory", json.valueToTree(measured(m))));
            c.set("replay_steps", json.valueToTree(r.replayLog().steps()));
            c.put("replay_in_process_s", r.replayLog().inProcessSeconds());
            c.set("replay_heap", json.valueToTree(r.replayHeap()));
            c.set("duckdb", json.valueToTree(measured(r.duck())));
            c.set("duckdb_result", r.duckResult());
            c.set("agreement", r.agreement());
        }
        run.growthReference().ifPresent(g -> {
            ObjectNode ref = root.putObject("growth_reference");
            ref.put("window", g.window());
            ref.put("heap", g.heap());
            ref.set("replay", json.valueToTree(measured(g.run())));
        });
        var targets = root.putArray("targets");
        targets(run).forEach(t -> targets.add(json.valueToTree(t)));
        return root;
    }

    private static Map<String, Object> measured(Launch.Measured m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("wall_s", m.wallSeconds());
        out.put("cpu_s", m.cpuSeconds());
        out.put("peak_rss_mib", m.peakRssMiB());
        out.put("other_cpu_s", m.otherCpuSeconds());
        out.put("busy_before", m.busyBefore());
        return out;
    }
}
