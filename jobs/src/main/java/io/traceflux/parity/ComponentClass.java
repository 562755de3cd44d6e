package io.traceflux.parity;

/** The shape of a connected component of the parity graph (SPEC 4). */
public enum ComponentClass {
    EXACT, CHANGED, SPLIT, MERGED, MISSING, NEW, RESHAPED;

    /**
     * Classifies a component by how many baseline and replay incidents it links; a 1 x 1
     * component is EXACT only when both incidents have the same signals.
     */
    static ComponentClass of(int baselineIncidents, int replayIncidents, boolean sameSignals) {
        if (baselineIncidents == 0 && replayIncidents == 1) {
            return NEW;
        }
        if (baselineIncidents == 1 && replayIncidents == 0) {
            return MISSING;
        }
        if (baselineIncidents == 1 && replayIncidents == 1) {
            return sameSignals ? EXACT : CHANGED;
        }
        if (baselineIncidents == 1 && replayIncidents >= 2) {
            return SPLIT;
        }
        if (replayIncidents == 1 && baselineIncidents >= 2) {
            return MERGED;
        }
        if (baselineIncidents >= 2 && replayIncidents >= 2) {
            return RESHAPED;
        }
        throw new IllegalArgumentException(
                "no component has " + baselineIncidents + " baseline and " + replayIncidents + " replay incidents");
    }
}
