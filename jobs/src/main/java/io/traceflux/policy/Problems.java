package io.traceflux.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors of one policy or suite file so that all of them are reported at once, as a
 * {@link PolicyValidationException} (exit code 2).
 */
public final class Problems {

    private final String file;
    private final List<PolicyError> errors = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public void add(Node at, String message) {
        errors.add(new PolicyError(file, at.path(), at.line(), message));
    }

    public void add(String path, int line, String message) {
        errors.add(new PolicyError(file, path, line, message));
    }

    /** A position to compare with later: {@code noneSince(mark)} tells whether anything was added. */
    public int mark() {
        return errors.size();
    }

    public boolean noneSince(int mark) {
        return errors.size() == mark;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            List<PolicyError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(PolicyError::line)); // stable: same line keeps finding order
            throw new PolicyValidationException(sorted);
        }
    }
}
