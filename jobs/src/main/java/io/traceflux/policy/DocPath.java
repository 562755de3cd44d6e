package io.traceflux.policy;

import java.util.regex.Pattern;

/** Paths into a policy document as errors and diffs show them: {@code suppression[2].inhibit.equal}. */
final class DocPath {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private DocPath() {
    }

    /** A key below {@code parent}; keys that are not plain words are quoted: {@code severity_map["a.b"]}. */
    static String key(String parent, String key) {
        if (!PLAIN_KEY.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
