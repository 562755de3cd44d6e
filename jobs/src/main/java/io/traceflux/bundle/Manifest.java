package io.traceflux.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * manifest.json: the bundle's lineage and the path, size and SHA-256 of every other file.
 * {@code written_at} is the only wall-clock value in a bundle. {@code manifest_sha256} covers
 * the manifest itself with its two own values blanked, so rewriting a bundle from the same
 * tables changes nothing but {@code written_at}, and any other edited byte of the manifest
 * shows: the text must also be exactly the canonical serialization of what it says.
 */
final class Manifest {

    static final String FILE = "manifest.json";
    static final String FORMAT = "traceflux-evidence-bundle/1";
    static final String WRITTEN_AT = "written_at";
    static final String SELF_HASH = "manifest_sha256";

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    /** A manifest that failed a check; the message says which. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private Manifest() {
    }

    /** The manifest with its own hash filled in; {@link BundleJson#pretty} gives its bytes. */
    static ObjectNode build(String executionId, Instant writtenAt, ObjectNode lineage, ObjectNode tables,
            List<BundleFile> files) {
        ObjectNode m = BundleJson.object();
        m.put("format", FORMAT);
        m.put("execution_id", executionId);
        m.put(WRITTEN_AT, writtenAt.toString());
        m.put(SELF_HASH, "");
        m.set("lineage", lineage);
        m.set("tables", tables);
        ArrayNode list = m.putArray("files");
        for (BundleFile f : files) {
            list.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256());
        }
        m.put(SELF_HASH, selfHash(m));
        return m;
    }

    /** Parses and checks a manifest's bytes; returns the files it lists. */
    static List<BundleFile> check(byte[] bytes) throws Invalid {
        ObjectNode m = parse(bytes);
        if (!Arrays.equals(BundleJson.pretty(m).getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new Invalid("not in canonical form (edited by hand?)");
        }
        if (!FORMAT.equals(m.path("format").asText())) {
            throw new Invalid("format is not " + FORMAT);
        }
        try {
            Instant.parse(m.path(WRITTEN_AT).asText());
        } catch (DateTimeParseException e) {
            throw new Invalid(WRITTEN_AT + " is not an ISO-8601 instant");
        }
        if (!selfHash(m).equals(m.path(SELF_HASH).asText())) {
            throw new Invalid(SELF_HASH + " does not match the manifest's content");
        }
        return files(m);
    }

    private static ObjectNode parse(byte[] bytes) throws Invalid {
        try {
            JsonNode node = BundleJson.MAPPER.readTree(bytes);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw new Invalid("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Invalid("not readable: " + e.getMessage());
        }
        throw new Invalid("not a JSON object");
    }

    private static List<BundleFile> files(ObjectNode m) throws Invalid {
        List<BundleFile> files = new ArrayList<>();
        for (JsonNode f : m.path("files")) {
            String path = f.path("path").asText("");
            String sha = f.path("sha256").asText("");
            boolean valid = !path.isEmpty() && !path.equals(FILE) && f.path("size").canConvertToLong()
                    && HEX64.matcher(sha).matches();
            if (!valid) {
                throw new Invalid("bad files entry: " + f);
            }
            files.add(new BundleFile(path, f.path("size").asLong(), sha));
        }
        return files;
    }

    private static String selfHash(ObjectNode m) {
        ObjectNode masked = m.deepCopy();
        masked.put(WRITTEN_AT, "");
        masked.put(SELF_HASH, "");
        return Sha256.hex(BundleJson.pretty(masked).getBytes(StandardCharsets.UTF_8));
    }
}
