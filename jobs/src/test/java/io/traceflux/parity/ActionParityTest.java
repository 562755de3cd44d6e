package io.traceflux.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.actions.Firing;
import io.traceflux.policy.ActionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC 4.1 per parity component: KEPT, ADDED, REMOVED, the shift, the page figures and gates. */
class ActionParityTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** c1: b1 -> r1 (CHANGED); c2: b2 -> r2 + r3 (SPLIT); c3: b3 MISSING; c4: r4 NEW. */
    static final List<Component> COMPONENTS = List.of(
            component("c1", ComponentClass.CHANGED, List.of("b1"), List.of("r1")),
            component("c2", ComponentClass.SPLIT, List.of("b2"), List.of("r2", "r3")),
            component("c3", ComponentClass.MISSING, List.of("b3"), List.of()),
            component("c4", ComponentClass.NEW, List.of(), List.of("r4")));

    static Component component(String id, ComponentClass cls, List<String> b, List<String> r) {
        return new Component(id, cls, b, r, 1, 0, 0, List.of());
    }

    static Firing fire(String incident, ActionKind kind, String target, double seconds) {
        return fire(incident, kind, target, seconds, false);
    }

    static Firing fire(String incident, ActionKind kind, String target, double seconds, boolean held) {
        return new Firing(incident, kind.label() + "-" + target, kind, target,
                T0.plusNanos(Math.round(seconds * 1e9)), held, null);
    }

    static ActionParity parity(List<Firing> baseline, List<Firing> replay) {
        return ActionParity.of(COMPONENTS, new ActionSides(new ActionSides.Side(replay, true),
                Optional.of(new ActionSides.Side(baseline, true))));
    }

    static List<String> rows(ActionParity p) {
        return p.diffs().stream().map(d -> d.componentId() + " " + d.kind().label() + " " + d.target() + " " + d.cls()
                + " " + d.baselineFirings() + "/" + d.replayFirings() + " " + d.shiftSeconds()).toList();
    }

    @Test
    void keptAddedAndRemovedPerComponentWithTheShiftOfTheFirstFirings() {
        ActionParity p = parity(
                List.of(fire("b1", ActionKind.PAGE, "edge", 10), fire("b1", ActionKind.TICKET, "EDGE", 10),
                        fire("b2", ActionKind.PAGE, "edge", 20), fire("b2", ActionKind.PAGE, "edge", 25),
                        fire("b3", ActionKind.PAGE, "db", 30), fire("b1", ActionKind.NOTIFY, "#edge", 12)),
                List.of(fire("r1", ActionKind.PAGE, "edge", 10), fire("r1", ActionKind.TICKET, "EDGE", 45.5),
                        fire("r3", ActionKind.PAGE, "edge", 22.25), fire("r2", ActionKind.PAGE, "edge", 60),
                        fire("r4", ActionKind.PAGE, "edge", 70), fire("r4", ActionKind.PAGE, "edge", 80),
                        fire("r1", ActionKind.RUNBOOK, "https://rb/edge", 11)));

        // c1's page is KEPT at the same time: no row. Its ticket moved 35.5 s later. c2's page
        // fires twice on each side: KEPT, first at 20 and 22.25 (+2.25 s).
        assertThat(rows(p)).containsExactly(
                "c1 ticket EDGE KEPT 1/1 35.5",
                "c1 runbook https://rb/edge ADDED 0/1 null",
                "c1 notify #edge REMOVED 1/0 null",
                "c2 page edge KEPT 2/2 2.25",
                "c3 page db REMOVED 1/0 null",
                "c4 page edge ADDED 0/2 null");
        assertThat(p.diffs().get(3).baselineFirstAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(p.diffs().get(3).replayFirstAt()).isEqualTo(T0.plusMillis(22_250));
        // Pages: 2 replay firings in ADDED rows, 1 baseline firing in REMOVED rows; the largest
        // positive page shift is c2's 2.25 s (the ticket's 35.5 s is not a page).
        assertThat(p.figures()).isEqualTo(new ActionFigures(ActionSides.Status.COMPARED,
                Map.of(ActionClass.KEPT, 3L, ActionClass.ADDED, 2L, ActionClass.REMOVED, 2L), 2L, 1L, 2.25));
        assertThat(p.gateActuals()).containsExactly(Map.entry("max_new_pages", 2.0), Map.entry("max_lost_pages", 1.0),
                Map.entry("max_page_delay", 2.25));
    }

    @Test
    void heldFiringsAreLeftOutAndAnEarlierPageIsNoDelay() {
        ActionParity p = parity(List.of(fire("b1", ActionKind.PAGE, "edge", 30)),
                List.of(fire("r1", ActionKind.PAGE, "edge", 5), fire("r4", ActionKind.PAGE, "edge", 70, true)));

        assertThat(rows(p)).containsExactly("c1 page edge KEPT 1/1 -25.0");
        assertThat(p.figures().pagesAdded()).isZero();
        assertThat(p.figures().maxPageDelay()).isZero();
    }

    @Test
    void baselineFiringsOfIncidentsOutsideTheComparisonAreIgnored() {
        ActionParity p = parity(List.of(fire("b9", ActionKind.PAGE, "edge", 30)), List.of());

        assertThat(p.diffs()).isEmpty();
        assertThat(p.baselineFirings()).isEmpty();
        assertThat(p.figures().pagesRemoved()).isZero();
    }

    @Test
    void withoutActionsOnEitherSideTheFiguresAreNullAndNothingCanPage() {
        ActionParity p = ActionParity.of(COMPONENTS, ActionSides.none());

        assertThat(p.figures()).isEqualTo(new ActionFigures(ActionSides.Status.NONE, Map.of(), null, null, null));
        assertThat(p.gateActuals()).containsOnly(Map.entry("max_new_pages", 0.0), Map.entry("max_lost_pages", 0.0),
                Map.entry("max_page_delay", 0.0));
    }

    @Test
    void productionActionsNotCapturedAreUnknownAndTheirGatesCannotPass() {
        ActionParity p = ActionParity.of(COMPONENTS, new ActionSides(
                new ActionSides.Side(List.of(fire("r1", ActionKind.PAGE, "edge", 5)), true), Optional.empty()));

        assertThat(p.status()).isEqualTo(ActionSides.Status.UNKNOWN);
        assertThat(p.figures().pagesAdded()).isNull();
        assertThat(GateResult.evaluate(Map.of("max_new_pages", 5.0), p.gateActuals(), false))
                .containsExactly(new GateResult("max_new_pages", 5.0, null, false, GateResult.ACTIONS_UNKNOWN));
    }

    @Test
    void aBaselineWithActionsAgainstAReplayWithoutRemovesEveryPage() {
        ActionParity p = ActionParity.of(COMPONENTS, new ActionSides(ActionSides.Side.none(),
                Optional.of(new ActionSides.Side(List.of(fire("b2", ActionKind.PAGE, "edge", 20)), true))));

        assertThat(rows(p)).containsExactly("c2 page edge REMOVED 1/0 null");
        assertThat(p.figures().pagesRemoved()).isEqualTo(1L);
    }
}
