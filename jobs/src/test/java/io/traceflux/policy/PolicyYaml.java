package io.traceflux.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds small policy files for tests: one top-level key per entry, written {@code key: value} in
 * the order set, so an entry's line is its position (values may span lines in block style).
 */
final class PolicyYaml {

    private final Map<String, String> entries = new LinkedHashMap<>();

    /** policy p, version 1, one fingerprint field, a correlation gap: lines 1 to 4. */
    static PolicyYaml minimal() {
        return new PolicyYaml()
                .set("policy", "p")
                .set("version", "1")
                .set("fingerprint", "{fields: [check]}")
                .set("correlation", "{gap: 2m}");
    }

    /** Sets a key, keeping its line when it exists already. */
    PolicyYaml set(String key, String value) {
        entries.put(key, value);
        return this;
    }

    PolicyYaml without(String key) {
        entries.remove(key);
        return this;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> text.append(key).append(':').append(value.startsWith("\n") ? "" : " ")
                .append(value).append('\n'));
        return text.toString();
    }

    /** Writes {@code <dir>/p/v1.yaml}. */
    Path write(Path dir) {
        return write(dir, "p", "v1.yaml");
    }

    Path write(Path dir, String folder, String fileName) {
        try {
            Path file = Files.createDirectories(dir.resolve(folder)).resolve(fileName);
            return Files.writeString(file, text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
