package io.traceflux.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one policy file so that all of them are reported at once. */
final class Problems {

    private final String file;
    private final List<PolicyError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Node at, String message) {
        errors.add(new PolicyError(file, at.path(), at.line(), message));
    }

    void add(String path, int line, String message) {
        errors.add(new PolicyError(file, path, line, message));
    }

    /** A position to compare with later: {@code noneSince(mark)} tells whether anything was added. */
    int mark() {
        return errors.size();
    }

    boolean noneSince(int mark) {
        return errors.size() == mark;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            List<PolicyError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingInt(PolicyError::line)); // stable: same line keeps finding order
            throw new PolicyValidationException(sorted);
        }
    }
}
