package io.traceflux.policy;

import io.traceflux.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** A policy file that failed validation; carries every error found, not just the first. */
public final class PolicyValidationException extends InvalidInputException {

    private final transient List<PolicyError> errors;

    public PolicyValidationException(List<PolicyError> errors) {
        super(errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    /** The errors in file order (line 0, the file as a whole, first). */
    public List<PolicyError> errors() {
        return errors;
    }
}
