package io.traceflux.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaptureManifestTest {

    @TempDir
    Path capture;

    @Test
    void readsTheManifestAndKeepsUnknownKeys() throws IOException {
        write("{\"capture_id\": \"w1\", \"window_start\": \"2026-11-20T10:00:00Z\","
                + " \"window_end\": \"2026-11-20 11:05:00+01:00\", \"scope\": \"region=eu-west\","
                + " \"source\": \"prod-eu\", \"ticket\": \"INC-7\"}");

        CaptureManifest manifest = read();

        assertThat(manifest.captureId()).isEqualTo("w1");
        assertThat(manifest.windowStart()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(manifest.windowEnd()).isEqualTo(Instant.parse("2026-11-20T10:05:00Z"));
        assertThat(manifest.scope()).isEqualTo("region=eu-west");
        assertThat(manifest.source()).isEqualTo("prod-eu");
        assertThat(manifest.raw().get("ticket").textValue()).isEqualTo("INC-7");
        assertThat(manifest.window())
                .isEqualTo(new TimeRange(manifest.windowStart(), manifest.windowEnd()));
    }

    @Test
    void readsThroughAHadoopUri() throws IOException {
        write(manifest("\"2026-11-20T10:00:00Z\"", "\"2026-11-20T10:05:00Z\""));

        CaptureManifest manifest =
                CaptureManifest.read(new Configuration(), capture.toUri().toString());

        assertThat(manifest.captureId()).isEqualTo("w1");
        assertThat(manifest.scope()).isNull();
        assertThat(manifest.source()).isNull();
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(this::read)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file() + ": not found");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"capture_id\": \"w1\", | not valid JSON",
        "{\"capture_id\": \"w1\"} {} | not valid JSON",
        "{\"capture_id\": \"w1\", \"capture_id\": \"w2\"} | not valid JSON: Duplicate field 'capture_id'",
        "'' | must be a JSON object",
        "[1] | must be a JSON object",
        "{\"window_start\": \"2026-11-20T10:00:00Z\", \"window_end\": \"2026-11-20T10:05:00Z\"}"
                + " | key 'capture_id' is missing or empty",
        "{\"capture_id\": 7} | key 'capture_id' must be a string, found number",
        "{\"capture_id\": \"w1\", \"window_end\": \"2026-11-20T10:05:00Z\"} | key 'window_start' is missing",
        "{\"capture_id\": \"w1\", \"window_start\": \"2026-11-20T10:00:00Z\"} | key 'window_end' is missing",
    })
    void aBadDocumentIsNamedWithItsProblem(String json, String problem) throws IOException {
        write(json);
        assertThatThrownBy(this::read)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file() + ": " + problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"2026-11-20T10:00\" | \"2026-11-20T10:05:00Z\" | key 'window_start' is not a timestamp like 2026-11-20T10:03:07Z: '2026-11-20T10:00'",
        "\"2026-11-20T10:00:00Z\" | \"2026-02-30T10:05:00Z\" | key 'window_end' is not a timestamp like 2026-11-20T10:03:07Z: '2026-02-30T10:05:00Z'",
        "1795168800 | \"2026-11-20T10:05:00Z\" | key 'window_start' must be a string, found number",
        "\"2026-11-20T10:05:00Z\" | \"2026-11-20T10:05:00Z\" | key 'window_end' (2026-11-20T10:05:00Z) must be after 'window_start' (2026-11-20T10:05:00Z)",
    })
    void aBadWindowIsNamedWithItsKey(String start, String end, String problem) throws IOException {
        write(manifest(start, end));
        assertThatThrownBy(this::read)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file() + ": " + problem);
    }

    private static String manifest(String start, String end) {
        return "{\"capture_id\": \"w1\", \"window_start\": " + start + ", \"window_end\": " + end
                + "}";
    }

    private CaptureManifest read() {
        return CaptureManifest.read(new Configuration(), capture.toString());
    }

    private String file() {
        return new org.apache.hadoop.fs.Path(capture.toString(), CaptureManifest.FILE_NAME)
                .toString();
    }

    private void write(String json) throws IOException {
        Files.writeString(capture.resolve(CaptureManifest.FILE_NAME), json, StandardCharsets.UTF_8);
    }
}
