package io.traceflux.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void omittedCountsListTheBaselineFirstWhateverTheirInputOrder() {
        Map<Side, Long> replayFirst = new LinkedHashMap<>();
        replayFirst.put(Side.REPLAY, 1574L);
        replayFirst.put(Side.BASELINE, 50L);

        Timeline timeline = new Timeline(null, null, List.of(), List.of(), true, replayFirst);

        // The report prints one note per side in this order; a hash order made reruns differ.
        assertThat(timeline.omitted().keySet()).containsExactly(Side.BASELINE, Side.REPLAY);
        assertThat(timeline.omitted()).containsEntry(Side.BASELINE, 50L).containsEntry(Side.REPLAY, 1574L);
    }
}
