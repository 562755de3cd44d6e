package io.traceflux.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelectionTest extends SparkTestBase {

    private static final TimeRange SUB_WINDOW = new TimeRange(
            Instant.parse("2026-11-20T10:01:00Z"), Instant.parse("2026-11-20T10:03:00Z"));

    private Dataset<Row> classified;

    @BeforeEach
    void classify() {
        Dataset<Row> signals = new SignalRows()
                .add("in", "2026-11-20T10:01:00Z")
                .add("in-labelled", "2026-11-20T10:02:59.999999Z").set("pop", null)
                .label("team", "edge")
                .add("other-pop", "2026-11-20T10:02:00Z").set("pop", "ams2")
                .add("early", "2026-11-20T10:00:59Z")
                .add("at-end", "2026-11-20T10:03:00Z")
                .add("early-other-pop", "2026-11-20T10:00:00Z").set("pop", "ams2")
                .add("dup", "2026-11-20T10:02:00Z")
                .add("dup", "2026-11-20T10:02:00Z")
                .add("bad", "soon")
                .add(null, "2026-11-20T10:02:00Z")
                .add("outside", "2026-11-20T10:06:00Z")
                .toDataFrame(spark);
        TimeRange captureWindow = new TimeRange(Instant.parse(CaptureFolder.WINDOW_START),
                Instant.parse(CaptureFolder.WINDOW_END));
        classified = new Quarantine(captureWindow).apply(SignalSchema.validate(signals, "cap"));
    }

    @Test
    void selectsAcceptedRowsInTheSubWindowAndScope() {
        Selection selection = new Selection(SUB_WINDOW, Scope.parse("pop=fra1|"));

        Dataset<Row> selected = selection.apply(classified);

        assertThat(ids(selected)).containsExactly("in", "in-labelled");
        assertThat(selected.columns()).doesNotContain(Quarantine.REASON, Quarantine.RAW);
    }

    @Test
    void countsEveryRowOnceByItsFirstOutcome() {
        Selection selection = new Selection(SUB_WINDOW, Scope.parse("pop=fra1|"));

        SelectionCounts counts = selection.counts(classified);

        assertThat(counts).isEqualTo(new SelectionCounts(11, reasons(1, 2, 1, 1), 3, 1, 2));
        assertThat(counts.quarantined()).isEqualTo(5);
    }

    @Test
    void withoutSubWindowOrScopeEveryAcceptedRowIsSelected() {
        Selection selection = new Selection(new TimeRange(null, null), Scope.all());

        assertThat(ids(selection.apply(classified))).containsExactly("at-end", "early",
                "early-other-pop", "in", "in-labelled", "other-pop");
        assertThat(selection.counts(classified))
                .isEqualTo(new SelectionCounts(11, reasons(1, 2, 1, 1), 0, 0, 6));
    }

    @Test
    void anOpenEndedSubWindowBoundsOneSide() {
        Selection selection = new Selection(new TimeRange(SUB_WINDOW.start(), null), Scope.all());

        assertThat(ids(selection.apply(classified)))
                .containsExactly("at-end", "in", "in-labelled", "other-pop");
    }

    @Test
    void quarantineReasonsWithoutRowsAreCountedAsZero() {
        SelectionCounts counts = new SelectionCounts(1, Map.of(), 0, 0, 1);

        assertThat(counts.quarantinedByReason()).containsExactly(
                Map.entry("null_signal_id", 0L), Map.entry("duplicate_signal_id", 0L),
                Map.entry("invalid_ts", 0L), Map.entry("outside_capture_window", 0L));
    }

    @Test
    void anEmptySubWindowIsRejected() {
        TimeRange backwards = new TimeRange(SUB_WINDOW.end(), SUB_WINDOW.start());

        assertThatThrownBy(() -> new Selection(backwards, Scope.all()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the replay window [2026-11-20T10:03:00Z, 2026-11-20T10:01:00Z) is empty: "
                        + "--window-start must be before --window-end");
    }

    private static Map<String, Long> reasons(long nullId, long duplicate, long invalidTs,
                                             long outside) {
        Map<String, Long> reasons = new LinkedHashMap<>();
        reasons.put("null_signal_id", nullId);
        reasons.put("duplicate_signal_id", duplicate);
        reasons.put("invalid_ts", invalidTs);
        reasons.put("outside_capture_window", outside);
        return reasons;
    }

    private static List<String> ids(Dataset<Row> selected) {
        return selected.select("signal_id").orderBy("signal_id").as(Encoders.STRING())
                .collectAsList();
    }
}
