package io.traceflux.regress;

import java.util.List;

/**
 * One golden window of a {@link Suite}.
 *
 * @param name     unique in the suite; part of the derived execution ids
 * @param capture  the capture as {@code PATH[@VERSION]}, a relative path already resolved
 *                 against the suite file's folder
 * @param baseline as {@code replay --baseline} takes it, or null for the default (production
 *                 when the capture has a baseline)
 * @param scope    as {@code replay --scope} takes it, or null for the whole capture
 * @param policies the policy versions to replay on it, in file order
 */
public record SuiteWindow(String name, String capture, String baseline, String scope, List<SuiteReplay> policies) {

    public SuiteWindow {
        policies = List.copyOf(policies);
    }

    /** Whether a listed version belongs to policy {@code policyId}. */
    public boolean uses(String policyId) {
        return policies.stream().anyMatch(p -> p.policyId().equals(policyId));
    }
}
