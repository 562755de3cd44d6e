package io.traceflux.capture;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A capture's {@code capture.json} (SPEC 2.1): its id, its window {@code [window_start,
 * window_end)} and the optional descriptive {@code scope} and {@code source}. {@code raw} is
 * the whole document, extra keys included, for lineage.
 */
public record CaptureManifest(String captureId, Instant windowStart, Instant windowEnd,
                              String scope, String source, JsonNode raw) {

    public static final String FILE_NAME = "capture.json";

    // Trailing content and repeated keys are errors: a half-merged file must not be guessed at.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The capture window as a time range. */
    public TimeRange window() {
        return new TimeRange(windowStart, windowEnd);
    }

    /** Reads {@code <capturePath>/capture.json} through the Hadoop FileSystem API. */
    public static CaptureManifest read(Configuration hadoopConf, String capturePath) {
        Path file = new Path(capturePath, FILE_NAME);
        try {
            FileSystem fs = file.getFileSystem(hadoopConf);
            if (!fs.exists(file)) {
                throw new InvalidInputException(file + ": not found (every capture folder needs "
                        + FILE_NAME + " with capture_id, window_start and window_end)");
            }
            try (InputStream in = fs.open(file)) {
                return parse(JSON.readTree(in), file.toString());
            }
        } catch (JacksonException e) {
            throw new InvalidInputException(file + ": not valid JSON: " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Validates a parsed document; {@code file} names it in error messages. */
    static CaptureManifest parse(JsonNode doc, String file) {
        if (doc == null || !doc.isObject()) {
            throw new InvalidInputException(file + ": must be a JSON object");
        }
        String id = optionalText(doc, "capture_id", file);
        if (id == null || id.isEmpty()) {
            throw new InvalidInputException(file + ": key 'capture_id' is missing or empty");
        }
        Instant start = instant(doc, "window_start", file);
        Instant end = instant(doc, "window_end", file);
        if (!start.isBefore(end)) {
            throw new InvalidInputException(file + ": key 'window_end' (" + end
                    + ") must be after 'window_start' (" + start + ")");
        }
        return new CaptureManifest(id, start, end, optionalText(doc, "scope", file),
                optionalText(doc, "source", file), doc);
    }

    private static Instant instant(JsonNode doc, String key, String file) {
        String text = optionalText(doc, key, file);
        if (text == null) {
            throw new InvalidInputException(file + ": key '" + key + "' is missing");
        }
        return TimestampText.parse(text).orElseThrow(() -> new InvalidInputException(
                file + ": key '" + key + "' is not a timestamp like 2026-11-20T10:03:07Z: '"
                        + text + "'"));
    }

    /** The string at {@code key}; null when absent or JSON null; an error for other types. */
    private static String optionalText(JsonNode doc, String key, String file) {
        JsonNode node = doc.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidInputException(file + ": key '" + key + "' must be a string, found "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return node.textValue();
    }
}
