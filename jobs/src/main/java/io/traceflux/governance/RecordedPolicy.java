package io.traceflux.governance;

import io.traceflux.InvalidInputException;
import io.traceflux.policy.GovernanceSpec;
import io.traceflux.policy.PolicyLoader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The policy version an execution ran, as its executions row recorded it: the governance block
 * of the recorded text, and whether the file it was read from still has the recorded hash.
 */
final class RecordedPolicy {

    private RecordedPolicy() {
    }

    /** Why the policy file no longer has the recorded hash, or empty when it has. */
    static Optional<String> changed(ExecutionRow e) {
        if (e.policyPath() == null) {
            return Optional.of("execution " + e.id() + " recorded no policy file, so its hash cannot be checked");
        }
        String now;
        try {
            now = PolicyLoader.parseDocument(Path.of(e.policyPath())).sha256();
        } catch (InvalidInputException ex) {
            return Optional.of("policy file " + e.policyPath() + " of " + e.policyRef() + " cannot be read any more: "
                    + oneLine(ex.getMessage()));
        }
        if (now.equals(e.policySha256())) {
            return Optional.empty();
        }
        return Optional.of("policy file " + e.policyPath() + " now has SHA-256 " + now + ", not the " + e.policySha256()
                + " that execution " + e.id() + " ran: " + e.policyRef() + " was edited after the execution");
    }

    /** The governance block of the policy text the execution recorded. */
    static GovernanceSpec governance(ExecutionRow e) {
        if (e.policyText() == null || e.policyPath() == null) {
            return GovernanceSpec.none();
        }
        return PolicyLoader.fromText(Path.of(e.policyPath()), e.policyText()).governance();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", "; ");
    }
}
