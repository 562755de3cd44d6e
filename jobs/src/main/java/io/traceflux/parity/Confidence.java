package io.traceflux.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far the parity figures can be trusted, with the reasons (SPEC 4). Each reason carries a
 * level; the confidence is the lowest level among them, {@code high} when there is none.
 *
 * <p>Thresholds, as shares of the signals concerned:
 * <ul>
 *   <li>quarantined rows / input rows read: above 1% medium, above 10% low;
 *   <li>unknown severity / selected: above 5% medium, above 25% low;
 *   <li>baseline conflicts / selected: any medium, above 1% low;
 *   <li>baseline without per-signal fingerprints or suppression decisions: medium each;
 *   <li>no selected signal: low; fewer than 100 selected signals: medium (tiny sample);
 *   <li>no baseline incident in the comparison: medium (incident_parity is 1.0 by definition).
 * </ul>
 *
 * @param level   {@code high}, {@code medium} or {@code low}
 * @param reasons readable reasons, in the order above
 */
public record Confidence(String level, List<String> reasons) {

    static final long TINY_SAMPLE = 100;

    /** What the assessment looks at. */
    record Evidence(
            long inputRows,
            long selected,
            long quarantined,
            long unknownSeverity,
            long conflicts,
            boolean hasFingerprints,
            boolean hasSuppression,
            long baselineIncidents) {
    }

    public Confidence {
        reasons = List.copyOf(reasons);
    }

    static Confidence assess(Evidence e) {
        Assessment a = new Assessment();
        a.share(e.quarantined(), e.inputRows(), 0.01, 0.10, "many quarantined rows", "input rows");
        a.share(e.unknownSeverity(), e.selected(), 0.05, 0.25, "many signals with unknown severity", "selected signals");
        if (e.conflicts() > 0) {
            a.share(e.conflicts(), e.selected(), 0.0, 0.01, "baseline conflicts (signals in several baseline incidents)",
                    "selected signals");
        }
        if (!e.hasFingerprints()) {
            a.add(false, "baseline lacks per-signal fingerprints: fingerprint agreement unknown");
        }
        if (!e.hasSuppression()) {
            a.add(false, "baseline lacks per-signal suppression decisions: only signals in a baseline incident count as kept");
        }
        if (e.selected() == 0) {
            a.add(true, "no selected signals");
        } else if (e.selected() < TINY_SAMPLE) {
            a.add(false, "tiny sample: " + e.selected() + " selected signals (fewer than " + TINY_SAMPLE + ")");
        }
        if (e.baselineIncidents() == 0) {
            a.add(false, "baseline has no incident in the comparison: incident_parity is 1.0 by definition");
        }
        return new Confidence(a.low ? "low" : a.reasons.isEmpty() ? "high" : "medium", a.reasons);
    }

    /** Reasons collected so far and whether one of them is low. */
    private static final class Assessment {
        final List<String> reasons = new ArrayList<>();
        boolean low;

        void add(boolean isLow, String reason) {
            reasons.add(reason);
            low |= isLow;
        }

        /** A reason when {@code part / whole} exceeds {@code medium}; low above {@code lowAbove}. */
        void share(long part, long whole, double medium, double lowAbove, String what, String of) {
            if (whole == 0 || part == 0) {
                return;
            }
            double share = (double) part / whole;
            if (share > medium) {
                add(share > lowAbove, String.format(Locale.ROOT, "%s: %d of %d %s (%.1f%%)",
                        what, part, whole, of, 100 * share));
            }
        }
    }
}
