package io.traceflux.parity;

import io.traceflux.policy.ActionKind;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of {@code action_diffs} (SPEC 4.1): an action (kind, target) of a parity component
 * whose firings differ between the sides, held firings excluded.
 *
 * @param baselineFirstAt null unless the baseline fires it
 * @param replayFirstAt   null unless the replay fires it
 * @param shiftSeconds    replay minus baseline first firing, null unless KEPT
 */
public record ActionDiff(String componentId, ActionKind kind, String target, ActionClass cls, long baselineFirings,
        long replayFirings, Instant baselineFirstAt, Instant replayFirstAt, Double shiftSeconds) {

    /** The row in order of {@link io.traceflux.warehouse.Table#ACTION_DIFFS}. */
    Row toRow(String executionId) {
        return RowFactory.create(executionId, componentId, kind.label(), target, cls.name(), baselineFirings,
                replayFirings, timestamp(baselineFirstAt), timestamp(replayFirstAt), shiftSeconds);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
