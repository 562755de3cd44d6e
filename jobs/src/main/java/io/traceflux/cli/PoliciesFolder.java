package io.traceflux.cli;

import java.nio.file.Path;

/** Where {@code ID@vN} references resolve when no option says: $TRACEFLUX_POLICIES, else ./policies. */
final class PoliciesFolder {

    private PoliciesFolder() {
    }

    static Path orDefault(Path given) {
        if (given != null) {
            return given;
        }
        String env = System.getenv("TRACEFLUX_POLICIES");
        return Path.of(env == null || env.isBlank() ? "policies" : env);
    }
}
