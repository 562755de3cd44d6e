package io.traceflux.execution;

import io.traceflux.InvalidInputException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Execution ids (SPEC 7.1): given ones are checked, fresh ones sort by creation time. */
public final class ExecutionId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ExecutionId() {
    }

    /** Whether {@code id} may key output rows: 1-128 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** {@code id} when it is valid; an {@link InvalidInputException} naming it otherwise. */
    public static String check(String id) {
        return check(id, "--execution-id");
    }

    /** The same, naming {@code option} as where the id came from. */
    public static String check(String id, String option) {
        if (!isValid(id)) {
            throw new InvalidInputException(option + ": '" + id
                    + "' is not a valid id (1-128 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit)");
        }
        return id;
    }

    /** A fresh id such as {@code exec-20261125-083412-3f9a1c}. */
    public static String fresh(Instant now) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return "exec-" + STAMP.format(now) + "-" + HexFormat.of().formatHex(suffix);
    }
}
