package io.traceflux.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validated, immutable policy version (SPEC section 3): what the replay pipeline applies.
 *
 * <p>A policy is data: every field here was parsed from YAML or JSON and checked by
 * {@link PolicyLoader}; nothing in it is executable. {@code sha256} is the hash of the canonical
 * form (sorted-key JSON of the parsed document), which pins the version in lineage.
 *
 * @param id           policy id, equal to the folder name
 * @param version      N of {@code vN.yaml}
 * @param description  free text, may be empty
 * @param severityMap  raw severity (lower-cased key) to canonical severity
 * @param fingerprint  ordered fingerprint fields
 * @param dedupWindow  episode gap for deduplication; empty means no deduplication
 * @param suppression  ordered suppression rules; the first that matches a signal wins
 * @param correlation  how representatives are grouped into incidents
 * @param titleTemplate incident title template over group_by names and {@code {count}}
 * @param actions      would-be actions (SPEC 3.4), in policy order; replays record, never run them
 * @param governance   approvals, gates and promotable scopes
 * @param sha256       hex SHA-256 of the canonical form
 * @param source       the file it was read from (null when parsed from text)
 * @param text         the file's exact text, kept for the evidence bundle
 */
public record Policy(
        String id,
        int version,
        String description,
        Map<String, Severity> severityMap,
        List<FingerprintField> fingerprint,
        Optional<java.time.Duration> dedupWindow,
        List<SuppressionRule> suppression,
        CorrelationSpec correlation,
        String titleTemplate,
        List<ActionRule> actions,
        GovernanceSpec governance,
        String sha256,
        Path source,
        String text) {

    public static final String DEFAULT_TITLE = "{count} signals";

    public Policy {
        actions = List.copyOf(actions);
    }

    /** {@code id@vN}, the form used on the command line and in reports. */
    public String ref() {
        return id + "@v" + version;
    }
}
