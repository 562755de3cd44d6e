package io.traceflux.capture;

import java.util.List;
import java.util.Optional;

/**
 * A cut capture (SPEC 2.4), or the one that was already there.
 *
 * @param out        the capture folder, fully qualified
 * @param unchanged  true when the folder already held this very cut and nothing was done
 * @param source     the lake with its pinned version ({@code file:/data/lake@42})
 * @param layout     how the lake's partitions followed the window
 * @param incidentId the production incident the window was cut around, if any
 * @param signals    rows in {@code signals/}
 * @param baseline   rows per table of {@code baseline/}, when production's tables were given
 * @param scan       what the lake scan read (zero when unchanged)
 * @param lakeFiles  data files of the pinned lake version
 * @param lakeBytes  their size
 * @param warnings   what the user should know (an empty window, members not found)
 */
public record CutResult(String captureId, String out, boolean unchanged, String source,
                        String layout, TimeRange window, String scope, Optional<String> incidentId,
                        long signals, Optional<BaselineCounts> baseline,
                        ScanMetrics scan, long lakeFiles, long lakeBytes, List<String> warnings,
                        double seconds) {

    public CutResult {
        warnings = List.copyOf(warnings);
    }

    /** Bytes read over the lake's bytes; 0 for an empty lake. */
    public double bytesReadShare() {
        return lakeBytes == 0 ? 0 : (double) scan.bytesRead() / lakeBytes;
    }
}
