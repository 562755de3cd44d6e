package io.traceflux.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.traceflux.parity.SignalTally.Cell;
import java.util.List;
import org.junit.jupiter.api.Test;

class BCubedTest {

    private static BCubed of(Cell... cells) {
        ParityGraph g = ParityGraph.of(List.of(cells));
        return BCubed.of(List.of(cells), g.baselineSizes(), g.replaySizes());
    }

    private static void assertBCubed(BCubed actual, double precision, double recall, double f1) {
        assertThat(actual.precision()).isCloseTo(precision, within(1e-9));
        assertThat(actual.recall()).isCloseTo(recall, within(1e-9));
        assertThat(actual.f1()).isCloseTo(f1, within(1e-9));
    }

    @Test
    void noSignalInAnyIncidentIsPerfect() {
        assertThat(of()).isEqualTo(new BCubed(1.0, 1.0, 1.0));
    }

    @Test
    void identicalClusteringsArePerfect() {
        assertBCubed(of(new Cell("b1", "r1", 3), new Cell("b2", "r2", 1)), 1.0, 1.0, 1.0);
    }

    @Test
    void split() {
        // b1 = {s1,s2,s3,s4}; r1 = {s1,s2,s3}; r2 = {s4,s5}; s5 in no baseline incident.
        // s1..s3: P = 3/3 = 1,  R = 3/4.   s4: P = 1/2, R = 1/4.
        // s5 (baseline singleton {s5}): P = |{s5}| / |r2| = 1/2, R = 1/1 = 1.
        // P = (1+1+1+1/2+1/2)/5 = 4/5;  R = (3/4·3 + 1/4 + 1)/5 = 7/10;
        // F1 = 2·(4/5)(7/10) / (4/5 + 7/10) = (56/50) / (15/10) = 56/75.
        assertBCubed(of(new Cell("b1", "r1", 3), new Cell("b1", "r2", 1), new Cell(null, "r2", 1)),
                4.0 / 5, 7.0 / 10, 56.0 / 75);
    }

    @Test
    void merged() {
        // b1 = {s1,s2}, b2 = {s3}; r1 = {s1,s2,s3}.
        // s1, s2: P = 2/3, R = 2/2.  s3: P = 1/3, R = 1/1.
        // P = (2/3+2/3+1/3)/3 = 5/9;  R = 1;  F1 = 2·(5/9) / (14/9) = 5/7.
        assertBCubed(of(new Cell("b1", "r1", 2), new Cell("b2", "r1", 1)), 5.0 / 9, 1.0, 5.0 / 7);
    }

    @Test
    void missingAndNew() {
        // b1 = {s1,s2} with both signals in no replay incident; r1 = {s3,s4} in no baseline one.
        // s1, s2: replay singletons: P = 1, R = 1/2.  s3, s4: P = 1/2, R = 1.
        // P = R = (1+1+1/2+1/2)/4 = 3/4;  F1 = 3/4.
        assertBCubed(of(new Cell("b1", null, 2), new Cell(null, "r1", 2)), 0.75, 0.75, 0.75);
    }

    @Test
    void reshapedChain() {
        // b1 = {s1,s2}, b2 = {s3,s4}; r1 = {s2,s3}, r2 = {s4}; s1 in no replay incident.
        // s1: P = 1/1, R = 1/2.  s2: B∩R = {s2}: P = 1/2, R = 1/2.  s3: P = 1/2, R = 1/2.
        // s4: B∩R = {s4}: P = 1/1, R = 1/2.
        // P = (1 + 1/2 + 1/2 + 1)/4 = 3/4;  R = 4·(1/2)/4 = 1/2;  F1 = (3/4) / (5/4) = 3/5.
        assertBCubed(of(new Cell("b1", null, 1), new Cell("b1", "r1", 1), new Cell("b2", "r1", 1),
                new Cell("b2", "r2", 1)), 0.75, 0.5, 0.6);
    }
}
