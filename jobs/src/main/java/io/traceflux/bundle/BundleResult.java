package io.traceflux.bundle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A written bundle.
 *
 * @param dir            the bundle folder ({@code <out>/<execution_id>}; a plain path when local)
 * @param zip            the zip beside it
 * @param files          every file but the manifest, sorted by path, as the manifest lists them
 * @param manifestSha256 the manifest's own hash (independent of {@code writtenAt})
 * @param hasBaseline    whether the execution had a parity report
 */
public record BundleResult(String executionId, String dir, String zip, List<BundleFile> files,
                           String manifestSha256, Instant writtenAt, boolean hasBaseline) {

    public BundleResult {
        files = List.copyOf(files);
    }

    public Optional<BundleFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
