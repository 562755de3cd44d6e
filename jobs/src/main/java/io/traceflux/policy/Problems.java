package io.traceflux.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the errors of one policy or suite file so that all of them are reported at once, as a
 * {@link PolicyValidationException} (exit code 2); a hostile file could hold hundreds of
 * thousands, so the first {@value #MAX_REPORTED} by line are reported, then how many more there are.
 */
public final class Problems {

    static final int MAX_REPORTED = 50;

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
            if (sorted.size() > MAX_REPORTED) {
                int more = sorted.size() - MAX_REPORTED;
                sorted = new ArrayList<>(sorted.subList(0, MAX_REPORTED));
                sorted.add(new PolicyError(file, "", 0, "and " + more + " more error" + (more == 1 ? "" : "s")));
            }
            throw new PolicyValidationException(sorted);
        }
    }
}
