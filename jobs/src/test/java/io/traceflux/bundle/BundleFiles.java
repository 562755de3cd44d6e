package io.traceflux.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads a written bundle in tests: files, JSON, JSON Lines, the timeline's bars. */
final class BundleFiles {

    /** A timeline bar as the HTML (or a browser's DOM) shows it. */
    record Bar(String side, String incidentId, String cls) {
    }

    private static final Pattern RECT = Pattern.compile("<rect [^>]*class=\"bar[^>]*>");
    private static final Pattern ATTR = Pattern.compile("(data-[a-z-]+)=\"([^\"]*)\"");

    private BundleFiles() {
    }

    /** Every file under {@code dir} by relative path, with its bytes. */
    static TreeMap<String, byte[]> all(Path dir) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String text(Path dir, String path) {
        try {
            return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path dir, String path) {
        try {
            return BundleJson.MAPPER.readTree(text(dir, path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> jsonLines(Path dir, String path) {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : text(dir, path).split("\n")) {
            if (!line.isEmpty()) {
                try {
                    rows.add(BundleJson.MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return rows;
    }

    /** A column of a JSON Lines file, in file order. */
    static List<String> column(Path dir, String path, String column) {
        return jsonLines(dir, path).stream()
                .map(r -> r.path(column).isNull() ? null : r.path(column).asText()).toList();
    }

    /** The member panel id of an incident's bar. */
    static String panelOf(String html, String side, String incidentId) {
        Matcher rect = RECT.matcher(html);
        while (rect.find()) {
            String r = rect.group();
            if (r.contains("data-side=\"" + side + "\"") && r.contains("data-incident-id=\"" + incidentId + "\"")) {
                Matcher panel = Pattern.compile("data-panel=\"([^\"]+)\"").matcher(r);
                return panel.find() ? panel.group(1) : null;
            }
        }
        return null;
    }

    /** Timeline bars in document order, from report.html or a dumped DOM. */
    static List<Bar> bars(String html) {
        List<Bar> bars = new ArrayList<>();
        Matcher rect = RECT.matcher(html);
        while (rect.find()) {
            TreeMap<String, String> attrs = new TreeMap<>();
            Matcher a = ATTR.matcher(rect.group());
            while (a.find()) {
                attrs.put(a.group(1), a.group(2));
            }
            bars.add(new Bar(attrs.get("data-side"), attrs.get("data-incident-id"), attrs.get("data-class")));
        }
        return bars;
    }
}
