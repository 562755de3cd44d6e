package io.traceflux.regress;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One policy version of a {@link SuiteWindow} and the figures its replay must keep.
 *
 * @param policy   {@code ID@vN}, resolved under the policies folder
 * @param expected pinned figures; a value is a Long, Double, Boolean or String as the figure's
 *                 kind says, or null for a figure pinned as absent
 */
public record SuiteReplay(String policy, Map<Figure, Object> expected) {

    public SuiteReplay {
        EnumMap<Figure, Object> copy = new EnumMap<>(Figure.class);
        copy.putAll(expected);
        expected = Collections.unmodifiableMap(copy);
    }

    /** A replay of {@code policy} with nothing pinned (a candidate's). */
    public static SuiteReplay unpinned(String policy) {
        return new SuiteReplay(policy, Map.of());
    }

    public String policyId() {
        return policy.substring(0, policy.lastIndexOf("@v"));
    }

    public int policyVersion() {
        return Integer.parseInt(policy.substring(policy.lastIndexOf("@v") + 2));
    }

    /** Whether the suite says a gate of this replay fails ({@code gates_passed: false}). */
    public boolean expectsGateFailure() {
        return Boolean.FALSE.equals(expected.get(Figure.GATES_PASSED));
    }
}
