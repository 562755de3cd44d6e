package io.traceflux;

/**
 * Bad input from the user: arguments, policy or capture (exit code 2).
 *
 * <p>The message names what is wrong and where (file, path in the policy, column), and is
 * printed without a stack trace. Throw it before anything is written to the warehouse.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
