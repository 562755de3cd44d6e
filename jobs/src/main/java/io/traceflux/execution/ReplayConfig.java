package io.traceflux.execution;

import io.traceflux.capture.CaptureRef;
import io.traceflux.capture.Scope;
import io.traceflux.capture.TimeRange;
import io.traceflux.policy.Policy;
import io.traceflux.warehouse.Warehouse;
import java.util.Objects;

/**
 * Everything a replay needs, parsed and validated before Spark starts (SPEC 7.1). Built by
 * the command line; tests build it directly.
 *
 * @param capture     the capture and its optional pinned Delta version
 * @param policy      the loaded, validated policy version
 * @param baseline    the baseline as given, or null for the default (production when the
 *                    capture has one, else none)
 * @param scope       the scope; {@link Scope#all()} for the whole capture
 * @param subWindow   the optional {@code [start, end)} narrowing; null bounds are open
 * @param mode        dry-run or enforced
 * @param executionId the id every output row is keyed by
 * @param triggeredBy who asked
 * @param reason      why, free text, may be null
 * @param warehouse   where the tables go
 * @param master      Spark master URL, null for the default
 */
public record ReplayConfig(CaptureRef capture, Policy policy, BaselineSpec baseline, Scope scope, TimeRange subWindow,
        Mode mode, String executionId, String triggeredBy, String reason, Warehouse warehouse, String master) {

    public ReplayConfig {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(mode, "mode");
        ExecutionId.check(executionId);
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(warehouse, "warehouse");
    }
}
