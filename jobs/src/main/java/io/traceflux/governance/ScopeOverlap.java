package io.traceflux.governance;

import io.traceflux.capture.Scope;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;

/**
 * Whether two scopes (SPEC 2.3) allow a signal in common: on every dimension both restrict,
 * their values meet. A dimension only one restricts does not separate them. Containment is
 * {@link Scope#isWithin}.
 */
final class ScopeOverlap {

    private ScopeOverlap() {
    }

    static boolean overlap(Scope a, Scope b) {
        for (Map.Entry<String, SortedSet<String>> dim : a.dimensions().entrySet()) {
            SortedSet<String> other = b.dimensions().get(dim.getKey());
            if (other != null && Collections.disjoint(dim.getValue(), other)) {
                return false;
            }
        }
        return true;
    }
}
