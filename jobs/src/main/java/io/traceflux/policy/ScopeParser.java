package io.traceflux.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scope text (SPEC 2.3): {@code name=v1|v2,name2=v3}. Names follow the matcher name rule; values
 * are taken as written (no trimming) and may be empty, which selects signals where the name is
 * absent. A name may appear once.
 */
public final class ScopeParser {

    private ScopeParser() {
    }

    /** Allowed values per name, in the order written; throws {@link PolicySyntaxException}. */
    public static Map<String, List<String>> parse(String text) {
        if (text.isEmpty()) {
            throw new PolicySyntaxException("empty scope: write name=value|value,name=value");
        }
        Map<String, List<String>> scope = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            if (eq < 0 || !MatcherParser.NAME.matcher(name).matches()) {
                throw new PolicySyntaxException("invalid scope \"" + text + "\": \"" + part
                        + "\" is not name=value|value (names match " + MatcherParser.NAME + ")");
            }
            if (scope.put(name, List.of(part.substring(eq + 1).split("\\|", -1))) != null) {
                throw new PolicySyntaxException("invalid scope \"" + text + "\": \"" + name + "\" appears twice");
            }
        }
        return scope;
    }
}
