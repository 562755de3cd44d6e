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
import java.util.function.ToDoubleFunction;

/**
 * Turns a {@link Bench.Run} into the console tables, the results part of
 * {@code docs/benchmarks.md} (between two markers; the hand-written rest is kept), the chart
 * and a JSON record. Also judges the targets of issue 15.
 */
final class Report {

    static final String START = "<!-- bench:results:start (bench/run.sh rewrites this part) -->";
    static final String END = "<!-- bench:results:end -->";

    /** Issue 15's targets. */
    static final double MAX_SAMPLE_SECONDS = 15;
    static final double MAX_1M_FULL_OVER_FLOOR = 3;
    static final double MAX_1M_ONE_OVER_FLOOR = 2;
    static final double MAX_10M_FULL_OVER_FLOOR = 3;
    static final double MAX_10M_ONE_OVER_FLOOR = 2.5;
    static final double MAX_STORM_RATIO = 1.2;
    static final double MAX_HEAP_MIB = 2048;

    private Report() {
    }

    /** One row of the main table: what was run, and its wall time in one window. */
    private record Line(String what, ToDoubleFunction<CaseResult> seconds) {
    }

    private static final List<Line> LINES = List.of(
            new Line("bare Spark job: read the Parquet, write it once to Delta (the floor)", r -> r.floor().wallSeconds()),
            new Line("`replay`, one policy, no baseline", r -> r.one().wall()),
            new Line("`replay`, with `--baseline policy:` (two policies, parity, all tables, bundle)", r -> r.full().wall()),
            new Line("DuckDB peer, one policy (2 threads; counts equal the replay's)", r -> r.peerOne().wall()),
            new Line("DuckDB peer, two policies and their pairs", r -> r.peerFull().wall()));

    /** The ratios quoted at every size. */
    private record Ratio(String what, ToDoubleFunction<CaseResult> wall, ToDoubleFunction<CaseResult> cpu) {
    }

    private static final List<Ratio> RATIOS = List.of(
            new Ratio("one policy ÷ floor", r -> r.one().wall() / r.floor().wallSeconds(),
                    r -> r.one().cpu() / r.floor().cpuSeconds()),
            new Ratio("full ÷ floor", r -> r.full().wall() / r.floor().wallSeconds(),
                    r -> r.full().cpu() / r.floor().cpuSeconds()),
            new Ratio("one policy ÷ DuckDB one policy", r -> r.one().wall() / r.peerOne().wall(),
                    r -> r.one().cpu() / r.peerOne().cpu()),
            new Ratio("full ÷ DuckDB two policies", r -> r.full().wall() / r.peerFull().wall(),
                    r -> r.full().cpu() / r.peerFull().cpu()));

    static String table(Bench.Run run) {
        StringBuilder t = new StringBuilder();
        List<CaseResult> results = run.results();
        t.append(String.format(Locale.ROOT, "%-44s", "wall time"));
        results.forEach(r -> t.append(String.format(Locale.ROOT, " %11s", r.name())));
        t.append('\n');
        List<String> names = List.of("floor (read + write)", "replay, one policy", "replay, --baseline policy:",
                "DuckDB peer, one policy", "DuckDB peer, two policies");
        for (int i = 0; i < LINES.size(); i++) {
            t.append(String.format(Locale.ROOT, "%-44s", names.get(i)));
            for (CaseResult r : results) {
                t.append(String.format(Locale.ROOT, " %9.1f s", LINES.get(i).seconds().applyAsDouble(r)));
            }
            t.append('\n');
        }
        for (Ratio ratio : RATIOS) {
            t.append(String.format(Locale.ROOT, "%-44s", ratio.what()));
            for (CaseResult r : results) {
                t.append(String.format(Locale.ROOT, " %10.2fx", ratio.wall().applyAsDouble(r)));
            }
            t.append('\n');
        }
        t.append(String.format(Locale.ROOT, "%-44s", "DuckDB agrees with the replay"));
        results.forEach(r -> t.append(String.format(Locale.ROOT, " %11s", r.agrees() ? "yes" : "NO")));
        t.append(String.format(Locale.ROOT, "%n%-44s %9.1f s%n", "the README's sample replay", run.sample().wallSeconds()));
        for (CaseResult r : results) {
            for (CaseResult.Replay replay : List.of(r.one(), r.full())) {
                replay.outOfMemory().ifPresent(m -> t.append(String.format(Locale.ROOT,
                        "  %s: out of memory at -Xmx%s after %.1f s; measured at -Xmx%s%n", r.name(),
                        run.settings().heap(), m.wallSeconds(), replay.heap())));
            }
        }
        t.append('\n');
        for (Target target : targets(run)) {
            t.append(String.format(Locale.ROOT, "%-52s %-40s %s%n", target.what(), target.measured(), target.verdict()));
        }
        return t.toString();
    }

    /** One target of issue 15 and how this run did. */
    record Target(String what, String measured, String verdict) {
    }

    static List<Target> targets(Bench.Run run) {
        List<Target> targets = new ArrayList<>();
        targets.add(judge("the sample replay <= 15 s", run.sample().wallSeconds(), MAX_SAMPLE_SECONDS, "%.1f s"));
        for (long rows : List.of(1_000_000L, 10_000_000L)) {
            String size = Bench.label(rows);
            double full = rows == 1_000_000L ? MAX_1M_FULL_OVER_FLOOR : MAX_10M_FULL_OVER_FLOOR;
            double one = rows == 1_000_000L ? MAX_1M_ONE_OVER_FLOOR : MAX_10M_ONE_OVER_FLOOR;
            Optional<CaseResult> r = plain(run, rows);
            targets.add(r.map(c -> judge(String.format(Locale.ROOT, "%s full <= %.1fx the floor", size, full),
                            c.full().wall() / c.floor().wallSeconds(), full,
                            "%.2fx" + cpuNote(c.full().cpu() / c.floor().cpuSeconds())))
                    .orElse(notMeasured(String.format(Locale.ROOT, "%s full <= %.1fx the floor", size, full))));
            targets.add(r.map(c -> judge(String.format(Locale.ROOT, "%s one policy <= %.1fx the floor", size, one),
                            c.one().wall() / c.floor().wallSeconds(), one,
                            "%.2fx" + cpuNote(c.one().cpu() / c.floor().cpuSeconds())))
                    .orElse(notMeasured(String.format(Locale.ROOT, "%s one policy <= %.1fx the floor", size, one))));
        }
        for (CaseResult storm : run.results().stream().filter(CaseResult::storm).toList()) {
            plain(run, storm.rows()).ifPresent(base -> {
                targets.add(judge("storm <= 1.2x unskewed (" + Bench.label(storm.rows()) + " full)",
                        storm.full().wall() / base.full().wall(), MAX_STORM_RATIO, "%.2fx"));
                targets.add(judge("storm <= 1.2x unskewed (" + Bench.label(storm.rows()) + " one policy)",
                        storm.one().wall() / base.one().wall(), MAX_STORM_RATIO, "%.2fx"));
            });
        }
        List<String> oom = new ArrayList<>();
        double heap = 0;
        for (CaseResult r : run.results()) {
            for (CaseResult.Replay replay : List.of(r.one(), r.full())) {
                replay.outOfMemory().ifPresent(m -> oom.add(r.name()));
                heap = Math.max(heap, replay.gc().peakUsedMiB());
            }
        }
        String heapTarget = "driver heap <= 2 GiB (ran with -Xmx" + run.settings().heap() + ")";
        targets.add(oom.isEmpty() ? judge(heapTarget, heap, MAX_HEAP_MIB, "%.0f MiB peak used")
                : new Target(heapTarget, "OutOfMemoryError on " + String.join(", ", oom), "MISSED"));
        List<String> againstPeer = new ArrayList<>();
        for (CaseResult r : run.results()) {
            againstPeer.add(String.format(Locale.ROOT, "%s %.1fx / %.1fx", r.name(), r.one().wall() / r.peerOne().wall(),
                    r.full().wall() / r.peerFull().wall()));
        }
        targets.add(new Target("against the peer (one policy / full): quoted, no target", String.join("; ", againstPeer),
                "-"));
        boolean agree = run.results().stream().allMatch(CaseResult::agrees);
        targets.add(new Target("DuckDB peer and replay agree on every count and row",
                agree ? "all windows, both runs" : "NOT all windows", agree ? "met" : "MISSED"));
        return targets;
    }

    private static Target notMeasured(String what) {
        return new Target(what, "not measured in this run", "-");
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
                .append(" UTC").append(System.getProperty("bench.commit", "").isEmpty() ? ""
                        : " on commit " + System.getProperty("bench.commit")).append(".\n\n");
        md.append("- **Machine**: ").append(run.machine()).append(".\n");
        md.append("- **Versions**: ");
        List<String> v = new ArrayList<>();
        run.versions().forEach((k, val) -> v.add(k + " " + val));
        md.append(String.join(", ", v)).append(".\n");
        md.append(String.format(Locale.ROOT, "- **Settings**: replays and floor as `bin/traceflux` runs them (`local[*]`,"
                + " the job's session settings, the parallel collector), driver `-Xmx%s`; DuckDB with %d threads and %s;"
                + " captures of %d Parquet files (seed %d); storm share %.3f. A replay that runs out of memory is timed"
                + " again at -Xmx%s.%n", s.heap(), s.duckThreads(), duckMemory(s.duckMemory()),
                s.files(), s.seed(), s.stormShare(), s.fallbackHeap().orElse("(none)")));
        md.append(String.format(Locale.ROOT, "- **Contention**: load average %s before and %s after the run; each step"
                + " waited up to %.0f s for the machine to be quiet (the machine has %d cores).%n%n", run.loadBefore(),
                run.loadAfter(), s.quietWaitSeconds(), Machine.cores()));
        md.append("Wall times are whole processes (JVM start, Spark session or DuckDB included), measured one after"
                + " the other on the same files.\n\n");
        md.append(mainTable(run));
        md.append(String.format(Locale.ROOT, "%nThe README's sample replay (%s, %s), from a fresh process: **%.1f s**"
                + " (%.1f CPU s).%n", Bench.SAMPLE_CAPTURE, Bench.SAMPLE_POLICY, run.sample().wallSeconds(),
                run.sample().cpuSeconds()));
        md.append("\nRatios, in wall time and (in brackets) in CPU time, user + system of the process and its"
                + " children, which other processes on the machine disturb much less:\n\n");
        md.append(ratioTable(run));
        md.append("\nCPU seconds and memory:\n\n");
        md.append("| window | floor CPU | one policy CPU | full CPU | DuckDB one CPU | DuckDB two CPU |"
                + " heap peak used / after GC, one policy | full | peak RSS full | peak RSS DuckDB two |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CaseResult r : run.results()) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f s | %.1f s | %.1f s | %.1f s | %.1f s | %s | %s | %.0f MiB"
                            + " | %.0f MiB |%n", r.name(), r.floor().cpuSeconds(), r.one().cpu(), r.full().cpu(),
                    r.peerOne().cpu(), r.peerFull().cpu(), heapCell(run, r.one()), heapCell(run, r.full()),
                    r.full().run().peakRssMiB(), r.peerFull().run().peakRssMiB()));
        }
        md.append("\n### Targets (issue 15)\n\n| target | measured | |\n|---|---|---|\n");
        for (Target t : targets(run)) {
            md.append("| ").append(t.what()).append(" | ").append(t.measured()).append(" | ")
                    .append(t.verdict().equals("met") || t.verdict().equals("-") ? t.verdict() : "**" + t.verdict() + "**")
                    .append(" |\n");
        }
        md.append("\n### Where the replay's time goes (seconds per step, from its progress lines)\n\n");
        md.append(stepsTable(run));
        md.append("\n### DuckDB peer (seconds per phase)\n\n");
        md.append("| window | run | select | replay policy | baseline policy | pairs | write | agree |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (CaseResult r : run.results()) {
            for (CaseResult.Peer peer : List.of(r.peerOne(), r.peerFull())) {
                JsonNode ph = peer.result().path("phases_s");
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | %s | %.1f | %s |%n", r.name(),
                        peer == r.peerOne() ? "one policy" : "two policies", ph.path("select").asDouble(),
                        ph.path("replay").asDouble(), phase(ph, "baseline"), phase(ph, "pairs"), ph.path("write").asDouble(),
                        peer.agrees() ? "yes" : "**no**: " + String.join("; ", peer.disagreements())));
            }
        }
        md.append("\n![floor, replays and DuckDB wall time per window](").append(chartFile).append(")\n\n");
        return md.toString();
    }

    /** Issue 15's table: what ran, and its wall time in each window. */
    private static String mainTable(Bench.Run run) {
        StringBuilder md = new StringBuilder("| what |");
        run.results().forEach(r -> md.append(' ').append(r.name()).append(" |"));
        md.append("\n|---|").append("---:|".repeat(run.results().size())).append("\n| signals (Parquet) |");
        run.results().forEach(r -> md.append(String.format(Locale.ROOT, " %,d (%.0f MiB) |", r.rows(), r.parquetMiB())));
        md.append('\n');
        for (Line line : LINES) {
            md.append("| ").append(line.what()).append(" |");
            run.results().forEach(r -> md.append(String.format(Locale.ROOT, " %.1f s |", line.seconds().applyAsDouble(r))));
            md.append('\n');
        }
        md.append("| the replays' counts and rows equal the peer's |");
        run.results().forEach(r -> md.append(r.agrees() ? " yes |" : " **no** |"));
        return md.append('\n').toString();
    }

    private static String ratioTable(Bench.Run run) {
        StringBuilder md = new StringBuilder("| ratio |");
        run.results().forEach(r -> md.append(' ').append(r.name()).append(" |"));
        md.append("\n|---|").append("---:|".repeat(run.results().size())).append('\n');
        for (Ratio ratio : RATIOS) {
            md.append("| ").append(ratio.what()).append(" |");
            run.results().forEach(r -> md.append(String.format(Locale.ROOT, " %.2fx (%.2fx) |",
                    ratio.wall().applyAsDouble(r), ratio.cpu().applyAsDouble(r))));
            md.append('\n');
        }
        return md.toString();
    }

    private static String phase(JsonNode phases, String name) {
        return phases.has(name) ? String.format(Locale.ROOT, "%.1f", phases.get(name).asDouble()) : "-";
    }

    private static String duckMemory(String setting) {
        return setting.equals("default") ? "its default memory limit (80% of RAM)" : "`memory_limit` " + setting;
    }

    private static String heapCell(Bench.Run run, CaseResult.Replay replay) {
        String used = String.format(Locale.ROOT, "%.0f / %.0f MiB", replay.gc().peakUsedMiB(), replay.gc().peakAfterGcMiB());
        return replay.outOfMemory().map(m -> String.format(Locale.ROOT, "**OutOfMemoryError at -Xmx%s** after %.0f s;"
                + " at -Xmx%s: %s", run.settings().heap(), m.wallSeconds(), replay.heap(), used)).orElse(used);
    }

    private static String stepsTable(Bench.Run run) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (CaseResult r : run.results()) {
            for (CaseResult.Replay replay : List.of(r.one(), r.full())) {
                for (ReplayLog.Step s : replay.log().steps()) {
                    columns.putIfAbsent(s.what(), columns.size());
                }
            }
        }
        StringBuilder md = new StringBuilder("| window | run | ");
        md.append(String.join(" | ", columns.keySet())).append(" | in process | JVM + launcher |\n|---|---|");
        md.append("---:|".repeat(columns.size() + 2)).append('\n');
        for (CaseResult r : run.results()) {
            for (CaseResult.Replay replay : List.of(r.one(), r.full())) {
                double[] cells = new double[columns.size()];
                for (ReplayLog.Step s : replay.log().steps()) {
                    cells[columns.get(s.what())] += s.seconds();
                }
                md.append("| ").append(r.name()).append(" | ").append(replay == r.one() ? "one policy" : "full").append(" |");
                for (double c : cells) {
                    md.append(String.format(Locale.ROOT, " %.1f |", c));
                }
                md.append(String.format(Locale.ROOT, " %.1f | %.1f |%n", replay.log().inProcessSeconds(),
                        replay.wall() - replay.log().inProcessSeconds()));
            }
        }
        return md.toString();
    }

    static ObjectNode json(Bench.Run run) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("started", run.started().toString());
        root.put("finished", run.finished().toString());
        root.put("commit", System.getProperty("bench.commit", ""));
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
        root.set("sample_replay", json.valueToTree(measured(run.sample())));
        var cases = root.putArray("results");
        for (CaseResult r : run.results()) {
            ObjectNode c = cases.addObject();
            c.put("window", r.name());
            c.put("rows", r.rows());
            c.put("parquet_mib", r.parquetMiB());
            c.set("floor", json.valueToTree(measured(r.floor())));
            c.set("replay_one_policy", replay(json, r.one()));
            c.set("replay_full", replay(json, r.full()));
            c.set("duckdb_one_policy", peer(json, r.peerOne()));
            c.set("duckdb_two_policies", peer(json, r.peerFull()));
        }
        var targets = root.putArray("targets");
        targets(run).forEach(t -> targets.add(json.valueToTree(t)));
        return root;
    }

    private static ObjectNode replay(ObjectMapper json, CaseResult.Replay replay) {
        ObjectNode node = json.valueToTree(measured(replay.run()));
        node.put("heap_setting", replay.heap());
        replay.outOfMemory().ifPresent(m -> node.set("out_of_memory", json.valueToTree(measured(m))));
        node.set("steps", json.valueToTree(replay.log().steps()));
        node.put("in_process_s", replay.log().inProcessSeconds());
        node.set("heap", json.valueToTree(replay.gc()));
        return node;
    }

    private static ObjectNode peer(ObjectMapper json, CaseResult.Peer peer) {
        ObjectNode node = json.valueToTree(measured(peer.run()));
        node.put("memory_limit", peer.memory());
        node.set("result", peer.result());
        node.set("agreement", peer.agreement());
        return node;
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
