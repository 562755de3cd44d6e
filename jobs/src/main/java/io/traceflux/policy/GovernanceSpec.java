package io.traceflux.policy;

import java.util.List;
import java.util.Map;

/**
 * Governance block of a policy (SPEC 3.3, 6).
 *
 * @param requiredApprovals approvals needed before promotion
 * @param gates             gate name to threshold, in the order written
 * @param promotableScopes  scopes this policy may be promoted to, as written
 */
public record GovernanceSpec(int requiredApprovals, Map<String, Double> gates, List<String> promotableScopes) {

    /** The gate names SPEC 3.3 knows, incident gates then action gates (4.1); any other is a validation error. */
    public static final List<String> GATE_NAMES = List.of(
            "min_incident_parity", "min_bcubed_f1", "max_missing_critical", "max_new_incidents", "max_newly_suppressed",
            "max_new_pages", "max_lost_pages", "max_page_delay");

    /** The one gate whose threshold is a time (seconds, fractions allowed) rather than a count. */
    public static final String MAX_PAGE_DELAY = "max_page_delay";

    public static GovernanceSpec none() {
        return new GovernanceSpec(0, Map.of(), List.of());
    }
}
