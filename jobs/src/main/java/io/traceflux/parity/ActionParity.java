package io.traceflux.parity;

import io.traceflux.actions.Firing;
import io.traceflux.policy.ActionKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Action parity (SPEC 4.1), on the driver: each parity component's unheld firings on both sides,
 * keyed by (kind, target), become KEPT, ADDED or REMOVED; a KEPT action whose first firing
 * moved carries the shift. Firings of baseline incidents outside the comparison are ignored,
 * like the incidents themselves.
 *
 * @param status          whether the sides were compared (figures are null otherwise)
 * @param diffs           every (component, kind, target) that is not KEPT with zero shift, in
 *                        component order, then kind, then target
 * @param classCounts     (component, kind, target) per class, zero-shift KEPT ones included
 * @param pagesAdded      replay page firings in ADDED rows
 * @param pagesRemoved    baseline page firings in REMOVED rows
 * @param maxPageDelay    the largest positive shift of a KEPT page, seconds, 0 when none
 * @param baselineFirings the compared baseline incidents' firings (held ones included)
 */
record ActionParity(ActionSides.Status status, List<ActionDiff> diffs, Map<ActionClass, Long> classCounts,
        Long pagesAdded, Long pagesRemoved, Double maxPageDelay, List<Firing> baselineFirings) {

    private record Key(ActionKind kind, String target) {
    }

    /** One side's unheld firings of one key in one component. */
    private static final class Tally {
        long firings;
        Instant first;

        void add(Firing f) {
            firings++;
            first = first == null || f.firesAt().isBefore(first) ? f.firesAt() : first;
        }
    }

    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::kind)
            .thenComparing(Key::target, CodePointOrder.COMPARATOR);

    static ActionParity of(List<Component> components, ActionSides sides) {
        Set<String> compared = components.stream().flatMap(c -> c.baselineIds().stream()).collect(Collectors.toSet());
        List<Firing> baseline = sides.baseline().map(ActionSides.Side::firings).orElse(List.of()).stream()
                .filter(f -> compared.contains(f.incidentId())).toList();
        ActionSides.Status status = sides.status();
        if (status != ActionSides.Status.COMPARED) {
            return new ActionParity(status, List.of(), Map.of(), null, null, null, baseline);
        }
        Map<String, List<Firing>> replayByIncident = unheldByIncident(sides.replay().firings());
        Map<String, List<Firing>> baselineByIncident = unheldByIncident(baseline);
        List<ActionDiff> diffs = new ArrayList<>();
        Map<ActionClass, Long> counts = new EnumMap<>(ActionClass.class);
        long pagesAdded = 0;
        long pagesRemoved = 0;
        double maxPageDelay = 0;
        for (Component c : components) {
            Map<Key, Tally> b = tally(c.baselineIds(), baselineByIncident);
            Map<Key, Tally> r = tally(c.replayIds(), replayByIncident);
            TreeMap<Key, Boolean> keys = new TreeMap<>(KEY_ORDER);
            b.keySet().forEach(k -> keys.put(k, true));
            r.keySet().forEach(k -> keys.put(k, true));
            for (Key k : keys.keySet()) {
                ActionDiff d = diff(c.id(), k, b.get(k), r.get(k));
                counts.merge(d.cls(), 1L, Long::sum);
                boolean page = k.kind() == ActionKind.PAGE;
                if (page && d.cls() == ActionClass.ADDED) {
                    pagesAdded += d.replayFirings();
                } else if (page && d.cls() == ActionClass.REMOVED) {
                    pagesRemoved += d.baselineFirings();
                } else if (page) {
                    maxPageDelay = Math.max(maxPageDelay, d.shiftSeconds());
                }
                if (d.cls() != ActionClass.KEPT || d.shiftSeconds() != 0) {
                    diffs.add(d);
                }
            }
        }
        return new ActionParity(status, diffs, counts, pagesAdded, pagesRemoved, maxPageDelay, baseline);
    }

    ActionFigures figures() {
        return new ActionFigures(status, classCounts, pagesAdded, pagesRemoved, maxPageDelay);
    }

    /**
     * What the action gates compare: the figures when compared; nothing can page when neither
     * side has actions (0); unknown (null, the gate fails) when production's actions were not
     * captured.
     */
    Map<String, Double> gateActuals() {
        Map<String, Double> actuals = new LinkedHashMap<>();
        actuals.put("max_new_pages", gateActual(pagesAdded));
        actuals.put("max_lost_pages", gateActual(pagesRemoved));
        actuals.put("max_page_delay", gateActual(maxPageDelay));
        return actuals;
    }

    /** Boxed on purpose: a ternary mixing 0.0 with a null Double would unbox the null. */
    private Double gateActual(Number figure) {
        if (status == ActionSides.Status.NONE) {
            return 0.0;
        }
        return figure == null ? null : Double.valueOf(figure.doubleValue());
    }

    private static ActionDiff diff(String componentId, Key k, Tally b, Tally r) {
        ActionClass cls = b != null && r != null ? ActionClass.KEPT : r != null ? ActionClass.ADDED : ActionClass.REMOVED;
        Double shift = cls == ActionClass.KEPT ? Duration.between(b.first, r.first).toNanos() / 1e9 : null;
        return new ActionDiff(componentId, k.kind(), k.target(), cls, b == null ? 0 : b.firings,
                r == null ? 0 : r.firings, b == null ? null : b.first, r == null ? null : r.first, shift);
    }

    private static Map<Key, Tally> tally(List<String> incidents, Map<String, List<Firing>> byIncident) {
        Map<Key, Tally> tallies = new HashMap<>();
        for (String id : incidents) {
            for (Firing f : byIncident.getOrDefault(id, List.of())) {
                tallies.computeIfAbsent(new Key(f.kind(), f.target()), k -> new Tally()).add(f);
            }
        }
        return tallies;
    }

    private static Map<String, List<Firing>> unheldByIncident(List<Firing> firings) {
        return firings.stream().filter(f -> !f.heldByCooldown())
                .collect(Collectors.groupingBy(Firing::incidentId));
    }
}
