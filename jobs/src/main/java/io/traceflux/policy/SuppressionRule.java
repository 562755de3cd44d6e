package io.traceflux.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A suppression rule (SPEC 3.2 step 3); {@link #id()} is what {@code suppressed_by} records. */
public sealed interface SuppressionRule {

    String id();

    /** The rule's kind as written in the policy: drop, maintenance or inhibit. */
    String kind();

    /** Suppresses every signal its matchers match (at least one matcher). */
    record Drop(String id, List<Matcher> match) implements SuppressionRule {
        @Override
        public String kind() {
            return "drop";
        }
    }

    /** Suppresses matching signals whose ts lies in {@code [from, to)}. */
    record Maintenance(String id, List<Matcher> match, Instant from, Instant to) implements SuppressionRule {
        @Override
        public String kind() {
            return "maintenance";
        }
    }

    /**
     * Suppresses a target when a source not suppressed by an earlier rule has equal values on
     * every {@code equal} name and lies within {@code within} of it; a signal matching
     * {@code source} is never a target.
     */
    record Inhibit(String id, List<Matcher> source, List<Matcher> target, List<String> equal, Duration within)
            implements SuppressionRule {
        @Override
        public String kind() {
            return "inhibit";
        }
    }
}
