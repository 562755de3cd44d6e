package io.traceflux.governance;

import io.traceflux.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Who asks (SPEC 6.1): a person or service account named by {@code --triggered-by} or
 * {@code --by}, recorded as given. Without one, the name comes from {@value #ENV} (which a
 * scheduler or CI wrapper sets from the identity it authenticated), else from the OS user.
 */
public final class Identity {

    /** The environment variable a deployment sets to the caller's authenticated name. */
    public static final String ENV = "TRACEFLUX_ACTOR";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private Identity() {
    }

    /** {@code given}, else {@value #ENV}, else the OS user; {@link InvalidInputException} naming {@code option} when invalid. */
    public static String resolve(String given, String option) {
        if (given != null) {
            return check(given, option);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isEmpty()) {
            return check(env, ENV);
        }
        return check(System.getProperty("user.name", ""), option + " (default: the OS user)");
    }

    /** {@code name} when it is a valid identity. */
    public static String check(String name, String option) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(option + ": '" + name + "' is not a valid name (1-128 characters of "
                    + "A-Z a-z 0-9 . _ @ -, starting with a letter or digit)");
        }
        return name;
    }
}
