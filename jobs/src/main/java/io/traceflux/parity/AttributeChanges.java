package io.traceflux.parity;

import io.traceflux.policy.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Readable attribute changes of a component with incidents on both sides, e.g.
 * {@code severity: major -> critical}. Each side is viewed as a whole: its highest severity,
 * earliest opened_at, the union of its services and its signal count; the title only when each
 * side is one incident. An attribute unknown on either side is not compared.
 */
final class AttributeChanges {

    private AttributeChanges() {
    }

    static List<String> of(Component c, Map<String, IncidentView> baseline, Map<String, IncidentView> replay) {
        List<String> changes = new ArrayList<>();
        if (c.baselineIds().isEmpty() || c.replayIds().isEmpty()) {
            return changes;
        }
        List<IncidentView> b = views(c.baselineIds(), baseline);
        List<IncidentView> r = views(c.replayIds(), replay);
        add(changes, "severity", highest(b).canonicalName(), highest(r).canonicalName());
        add(changes, "opened_at", earliest(b), earliest(r));
        if (b.size() == 1 && r.size() == 1) {
            add(changes, "title", b.get(0).title(), r.get(0).title());
        }
        add(changes, "services", services(b), services(r));
        add(changes, "signals", String.valueOf(c.baselineSignals()), String.valueOf(c.replaySignals()));
        return changes;
    }

    static List<IncidentView> views(List<String> ids, Map<String, IncidentView> known) {
        return ids.stream().map(id -> known.getOrDefault(id, IncidentView.unknown(id))).toList();
    }

    static Severity highest(List<IncidentView> views) {
        return views.stream().map(IncidentView::severity).max(Comparator.comparingInt(Severity::rank)).orElse(Severity.UNKNOWN);
    }

    private static String earliest(List<IncidentView> views) {
        if (views.stream().anyMatch(v -> v.openedAt() == null)) {
            return null;
        }
        return views.stream().map(IncidentView::openedAt).min(Comparator.naturalOrder()).map(Instant::toString).orElse(null);
    }

    private static String services(List<IncidentView> views) {
        if (views.stream().anyMatch(v -> v.services() == null)) {
            return null;
        }
        TreeSet<String> union = new TreeSet<>(CodePointOrder.COMPARATOR);
        views.forEach(v -> union.addAll(v.services()));
        return new ArrayList<>(union).toString();
    }

    private static void add(List<String> changes, String attribute, String before, String after) {
        if (before != null && after != null && !before.equals(after)) {
            changes.add(attribute + ": " + before + " -> " + after);
        }
    }
}
