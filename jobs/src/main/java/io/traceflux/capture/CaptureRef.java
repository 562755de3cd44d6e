package io.traceflux.capture;

import io.traceflux.InvalidInputException;
import java.util.Optional;

/**
 * The {@code --capture PATH[@VERSION]} argument (SPEC 7.1): a capture folder (local path or any
 * Hadoop URI) and optionally the Delta version of its signals table.
 *
 * <p>Parsed like every {@code PATH[@VERSION]} argument ({@link TableRef}).
 */
public record CaptureRef(String path, Optional<Long> version) {

    public CaptureRef {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("--capture: the capture path is empty");
        }
        if (version.isPresent() && version.get() < 0) {
            throw new InvalidInputException("--capture " + path + ": version must be >= 0");
        }
    }

    /** Parses {@code PATH[@VERSION]} as {@link TableRef} does. */
    public static CaptureRef parse(String text) {
        TableRef ref = TableRef.parse("--capture", "capture", text);
        return new CaptureRef(ref.path(), ref.version());
    }

    @Override
    public String toString() {
        return version.map(v -> path + "@" + v).orElse(path);
    }
}
