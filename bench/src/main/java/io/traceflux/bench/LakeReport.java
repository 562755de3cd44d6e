package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The results part of docs/capture.md, rewritten by each run of {@code bench/lake.sh} between
 * two markers; the hand-written rest of the page is kept.
 */
final class LakeReport {

    static final String START = "<!-- lake-bench:start (bench/lake.sh rewrites this part) -->";
    static final String END = "<!-- lake-bench:end -->";

    private LakeReport() {
    }

    static void write(JsonNode r, Path doc) throws IOException {
        String text = Files.readString(doc);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException(doc + " lacks the markers " + START + " ... " + END);
        }
        Files.writeString(doc, text.substring(0, start) + START + "\n\n" + markdown(r) + "\n" + text.substring(end));
    }

    static String markdown(JsonNode r) {
        JsonNode lake = r.path("lake");
        double cut = LakeBench.median(r.path("cut_seconds"));
        double scan = LakeBench.median(r.path("full_scan_seconds"));
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Last run: %s UTC, code of commit %s. %s; load average %s before, %s after.%n%n",
                r.path("run_at").asText().substring(0, 16).replace('T', ' '), r.path("commit").asText(),
                r.path("machine").asText(), r.path("load_average_before").asText(), r.path("load_average_after").asText()));
        s.append("| lake | Delta files | size | window cut | signals cut |\n|---|---:|---:|---|---:|\n");
        s.append(String.format(Locale.ROOT, "| %,d signals over %d days, partitioned by %s | %,d | %s | [%s, %s) | %,d |%n%n",
                r.at("/recipe/rows").asLong(), r.at("/recipe/days").asInt(),
                columns(lake.path("partition_columns")),
                lake.path("files").asLong(), size(lake.path("bytes").asDouble()), r.path("window_start").asText(),
                r.path("window_end").asText(), r.path("signals_cut").asLong()));
        s.append("| | files read | bytes read | share of the lake's bytes | time in the command (median) | whole process (median) |\n");
        s.append("|---|---:|---:|---:|---:|---:|\n");
        s.append(String.format(Locale.ROOT, "| 10-minute cut | %,d of %,d | %s | **%.2f%%** | %.1f s %s | %.1f s |%n",
                r.at("/scan/files_read").asLong(), lake.path("files").asLong(), size(r.at("/scan/bytes_read").asDouble()),
                100 * r.path("bytes_read_share").asDouble(), cut, r.path("cut_seconds"),
                LakeBench.median(r.path("cut_process_seconds"))));
        s.append(String.format(Locale.ROOT, "| full scan | %,d of %,d | %s | 100%% | %.1f s %s | %.1f s |%n%n",
                lake.path("files").asLong(), lake.path("files").asLong(), size(lake.path("bytes").asDouble()), scan,
                r.path("full_scan_seconds"), LakeBench.median(r.path("full_scan_process_seconds"))));
        s.append(String.format(Locale.ROOT, "The cut took **%.2f** of a full scan's time in the process (%.1f s against "
                        + "%.1f s); whole processes, JVM start and Spark session included, %.1f s against %.1f s. The cut's "
                        + "time includes opening the lake's log, writing the capture and its capture.json. "
                        + "Bytes and files are the file scan's SQL metrics as the cut recorded them in capture.json; "
                        + "the plan gave it the partition filters `%s`.%s%n",
                cut / scan, cut, scan, LakeBench.median(r.path("cut_process_seconds")),
                LakeBench.median(r.path("full_scan_process_seconds")),
                r.at("/scan/partition_filters").path(0).asText(),
                r.at("/scan/listing").isTextual() ? " " + r.at("/scan/listing").asText() + " listed the files." : ""));
        return s.toString();
    }

    private static String columns(JsonNode names) {
        java.util.List<String> list = new java.util.ArrayList<>();
        names.forEach(n -> list.add(n.asText()));
        return String.join("/", list);
    }

    private static String size(double bytes) {
        return bytes >= 1 << 30 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (1 << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1 << 20));
    }
}
