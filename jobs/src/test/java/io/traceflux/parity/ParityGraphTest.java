package io.traceflux.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.traceflux.parity.SignalTally.Cell;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParityGraphTest {

    private static Cell cell(String baseline, String replay, long signals) {
        return new Cell(baseline, replay, signals);
    }

    private static Component only(List<Cell> cells) {
        List<Component> components = ParityGraph.of(cells).components();
        assertThat(components).hasSize(1);
        return components.get(0);
    }

    @Test
    void oneByOneWithEqualSignalSetsIsExact() {
        Component c = only(List.of(cell("b1", "r1", 3)));
        assertThat(c.cls()).isEqualTo(ComponentClass.EXACT);
        assertThat(c.shared()).isEqualTo(3);
        assertThat(c.baselineOnly()).isZero();
        assertThat(c.replayOnly()).isZero();
        assertThat(c.jaccard()).isEqualTo(1.0);
        assertThat(c.pairs()).containsExactly(new Component.Pair("b1", "r1", 3, 1.0));
    }

    @Test
    void oneByOneWithDifferentSignalSetsIsChanged() {
        // b1 = 3 shared + 1 alone; r1 = 3 shared + 2 alone: |b1 ∪ r1| = 6.
        Component c = only(List.of(cell("b1", "r1", 3), cell("b1", null, 1), cell(null, "r1", 2)));
        assertThat(c.cls()).isEqualTo(ComponentClass.CHANGED);
        assertThat(List.of(c.shared(), c.baselineOnly(), c.replayOnly())).containsExactly(3L, 1L, 2L);
        assertThat(c.jaccard()).isEqualTo(0.5);
        assertThat(c.pairs()).containsExactly(new Component.Pair("b1", "r1", 3, 0.5));
    }

    @Test
    void unlinkedIncidentsAreMissingAndNew() {
        List<Component> components = ParityGraph.of(List.of(cell(null, "r1", 2), cell("b1", null, 4))).components();
        assertThat(components).extracting(Component::cls).containsExactly(ComponentClass.MISSING, ComponentClass.NEW);
        assertThat(components.get(0).baselineIds()).containsExactly("b1");
        assertThat(components.get(0).replayIds()).isEmpty();
        assertThat(components.get(0).jaccard()).isZero();
        assertThat(components.get(1).replayOnly()).isEqualTo(2);
    }

    @Test
    void oneBaselineIntoSeveralReplayIncidentsIsSplit() {
        // b1 = {s1..s4}; r1 = {s1,s2,s3} (an EXACT-sized piece of b1) and r2 = {s4, s5}.
        Component c = only(List.of(cell("b1", "r1", 3), cell("b1", "r2", 1), cell(null, "r2", 1)));
        assertThat(c.cls()).isEqualTo(ComponentClass.SPLIT);
        assertThat(c.replayIds()).containsExactly("r1", "r2");
        assertThat(c.pairs()).containsExactly(
                new Component.Pair("b1", "r1", 3, 3.0 / 4), new Component.Pair("b1", "r2", 1, 1.0 / 5));
        assertThat(c.jaccard()).isEqualTo(4.0 / 5);
    }

    @Test
    void severalBaselineIntoOneReplayIncidentIsMerged() {
        Component c = only(List.of(cell("b2", "r1", 1), cell("b1", "r1", 2)));
        assertThat(c.cls()).isEqualTo(ComponentClass.MERGED);
        assertThat(c.baselineIds()).containsExactly("b1", "b2");
    }

    @Test
    void aChainIsOneReshapedComponent() {
        // b1 - r1 - b2 - r2: r1 shares a signal with b1 and one with b2, r2 one with b2.
        Component c = only(List.of(
                cell("b1", null, 1), cell("b1", "r1", 1), cell("b2", "r1", 1), cell("b2", "r2", 1)));
        assertThat(c.cls()).isEqualTo(ComponentClass.RESHAPED);
        assertThat(c.baselineIds()).containsExactly("b1", "b2");
        assertThat(c.replayIds()).containsExactly("r1", "r2");
        assertThat(List.of(c.shared(), c.baselineOnly(), c.replayOnly())).containsExactly(3L, 1L, 0L);
        assertThat(c.pairs()).extracting(Component.Pair::jaccard)
                .containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 2);
    }

    @Test
    void sameIdOnBothSidesIsTwoIncidents() {
        // An execution baseline may reuse the replay's ids: "x" on each side is a different node.
        List<Component> components = ParityGraph.of(List.of(cell("x", null, 2), cell(null, "x", 2))).components();
        assertThat(components).extracting(Component::cls).containsExactly(ComponentClass.MISSING, ComponentClass.NEW);
        assertThat(components.get(0).id()).isNotEqualTo(components.get(1).id());
    }

    @Test
    void componentIdsDependOnIdsOnlyNotOnCellOrder() {
        List<Cell> cells = new ArrayList<>(List.of(
                cell("b1", "r1", 2), cell("b2", "r1", 1), cell("b3", null, 1), cell(null, "r9", 1), cell("b4", "r4", 1)));
        List<Component> first = ParityGraph.of(cells).components();
        Collections.reverse(cells);
        List<Component> second = ParityGraph.of(cells).components();
        assertThat(second).isEqualTo(first);
        assertThat(first).extracting(Component::id).doesNotHaveDuplicates();
        // Pinned (sha256 of "b2:b1r2:r1", first 8 bytes): a changed format would re-key stored rows.
        assertThat(Component.idOf(List.of("b1"), List.of("r1"))).isEqualTo("c-e789c7aa66b08557");
    }

    @Test
    void sizesCountEveryMemberOnce() {
        ParityGraph g = ParityGraph.of(List.of(cell("b1", "r1", 2), cell("b1", null, 3), cell(null, "r1", 1)));
        assertThat(g.baselineSizes()).containsExactly(Map.entry("b1", 5L));
        assertThat(g.replaySizes()).containsExactly(Map.entry("r1", 3L));
        assertThat(g.components().get(0).pairs().get(0).jaccard()).isCloseTo(2.0 / 6, within(1e-12));
    }
}
