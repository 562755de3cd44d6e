package io.traceflux.policy;

import java.util.Optional;

/**
 * One field of the fingerprint (SPEC 3.2 step 2).
 *
 * @param name      signal column or label key, resolved like a matcher name
 * @param normalize optional unanchored regex replacement applied to the value first
 */
public record FingerprintField(String name, Optional<Normalize> normalize) {

    /**
     * Replace every non-overlapping match of {@code pattern} (RE2, validated) by the literal
     * {@code replace} text: no group references.
     */
    public record Normalize(String pattern, String replace) {
    }
}
