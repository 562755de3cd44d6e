package io.traceflux.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShufflePartitionsTest {

    @Test
    void oneHundredPartitionsPerFiveMillionSignalsBetweenTheBounds() {
        assertThat(ShufflePartitions.forSignals(0)).isEqualTo(8);
        assertThat(ShufflePartitions.forSignals(1_126)).isEqualTo(8);
        assertThat(ShufflePartitions.forSignals(1_000_000)).isEqualTo(20);
        assertThat(ShufflePartitions.forSignals(1_000_001)).isEqualTo(21);
        assertThat(ShufflePartitions.forSignals(10_000_000)).isEqualTo(200);
        assertThat(ShufflePartitions.forSignals(1_000_000_000)).isEqualTo(1_000);
    }
}
