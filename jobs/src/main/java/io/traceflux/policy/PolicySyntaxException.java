package io.traceflux.policy;

/**
 * A piece of policy text (matcher, duration, timestamp, scope, title template) that does not
 * follow its syntax. The message says what is wrong without naming the file: the loader adds
 * the file, path and line when it turns this into a {@link PolicyError}.
 */
public final class PolicySyntaxException extends IllegalArgumentException {

    public PolicySyntaxException(String message) {
        super(message);
    }
}
