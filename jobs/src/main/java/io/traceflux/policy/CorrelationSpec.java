package io.traceflux.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How representatives become incidents (SPEC 3.2 step 5).
 *
 * @param groupBy    names whose values split signals into groups; empty means one group
 * @param gap        a new session starts when the gap to the previous signal exceeds this
 * @param maxSpan    optional cut of a session into consecutive pieces of this length
 * @param minSignals pieces with fewer signals (duplicates counted) stay uncorrelated
 */
public record CorrelationSpec(List<String> groupBy, Duration gap, Optional<Duration> maxSpan, int minSignals) {
}
