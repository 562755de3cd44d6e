package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Column;

/** The half-open capture window {@code [start, end)} that capture.json declares. */
record CaptureWindow(Instant start, Instant end) {

    /** True for a signal whose ts lies in the window. */
    Column contains(String tsColumn) {
        return col(tsColumn).geq(lit(Timestamp.from(start))).and(col(tsColumn).lt(lit(Timestamp.from(end))));
    }
}
