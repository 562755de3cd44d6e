package io.traceflux.execution;

import io.traceflux.InvalidInputException;
import io.traceflux.policy.Policy;
import java.util.function.Function;

/**
 * What a replay is compared with (SPEC 2.2), parsed from {@code --baseline} before Spark starts;
 * a {@code policy:} baseline's policy is loaded and validated then too.
 */
public sealed interface BaselineSpec {

    /** How lineage and the summary name this baseline, with its pins. */
    String label();

    /** No baseline: replay tables only, no parity row, no gate, never promotable. */
    record None() implements BaselineSpec {
        @Override
        public String label() {
            return "none";
        }
    }

    /** Production's incidents and membership from the capture's {@code baseline/} folder. */
    record Production() implements BaselineSpec {
        @Override
        public String label() {
            return "production";
        }
    }

    /** The outputs of an earlier execution in the same warehouse. */
    record Execution(String executionId) implements BaselineSpec {
        @Override
        public String label() {
            return "execution:" + executionId;
        }
    }

    /** Another policy version, replayed in the same job over the same selected signals. */
    record PolicyVersion(Policy policy) implements BaselineSpec {
        @Override
        public String label() {
            return "policy:" + policy.ref() + "@sha256:" + policy.sha256();
        }
    }

    /**
     * Parses {@code --baseline}; null means "decide from the capture" (see {@link #orDefault}).
     *
     * @param policies resolves a {@code policy:} reference to a loaded policy
     */
    static BaselineSpec parse(String text, Function<String, Policy> policies) {
        if (text == null) {
            return null;
        }
        if (text.equals("production")) {
            return new Production();
        }
        if (text.equals("none")) {
            return new None();
        }
        if (text.startsWith("execution:")) {
            return new Execution(ExecutionId.check(text.substring("execution:".length())));
        }
        if (text.startsWith("policy:") && text.length() > "policy:".length()) {
            return new PolicyVersion(policies.apply(text.substring("policy:".length())));
        }
        throw new InvalidInputException("--baseline: '" + text
                + "' is not one of production, none, execution:ID, policy:PATH|ID@vN");
    }

    /** The given baseline, else production when the capture has {@code baseline/}, else none. */
    static BaselineSpec orDefault(BaselineSpec given, boolean captureHasBaseline) {
        if (given != null) {
            return given;
        }
        return captureHasBaseline ? new Production() : new None();
    }
}
