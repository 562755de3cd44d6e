package io.traceflux.capture;

import static org.apache.spark.sql.functions.unix_micros;

import java.time.Instant;
import org.apache.spark.sql.Column;

/**
 * A half-open time range {@code [start, end)}; a null bound leaves that side open. Compared at
 * microsecond precision (SPEC 3.2): finer digits of a bound are truncated.
 */
public record TimeRange(Instant start, Instant end) {

    /** Whether {@code ts} (a TimestampType column) lies in the range; false when ts is null. */
    public Column contains(Column ts) {
        Column micros = unix_micros(ts);
        Column inside = ts.isNotNull();
        if (start != null) {
            inside = inside.and(micros.geq(toMicros(start)));
        }
        if (end != null) {
            inside = inside.and(micros.lt(toMicros(end)));
        }
        return inside;
    }

    /** Whether both bounds are given and start is not before end, so nothing can be inside. */
    public boolean isEmpty() {
        return start != null && end != null && !start.isBefore(end);
    }

    @Override
    public String toString() {
        return "[" + (start == null ? "" : start) + ", " + (end == null ? "" : end) + ")";
    }

    /** Microseconds since the epoch; floor semantics also hold before 1970. */
    static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                instant.getNano() / 1000);
    }
}
