package io.traceflux.capture;

import java.util.Optional;

/** Rows a cut wrote per table of {@code baseline/}; actions empty when none were given. */
public record BaselineCounts(long incidents, long membership, Optional<Long> actions) {
}
