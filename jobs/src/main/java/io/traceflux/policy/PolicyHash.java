package io.traceflux.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a policy version (SPEC 3): SHA-256 of the canonical form, the parsed document
 * re-serialized as JSON with sorted keys. Comments, whitespace, key order, quoting style and
 * YAML-vs-JSON do not change it; any value does. The exact rules are those of
 * {@link CanonicalJson}: the hash equals
 * {@code sha256(json.dumps(doc, sort_keys=True, separators=(',', ':'), ensure_ascii=False).encode())}
 * in Python for the same document.
 */
public final class PolicyHash {

    private PolicyHash() {
    }

    /** The canonical JSON text that is hashed. */
    public static String canonicalJson(JsonNode parsed) {
        return CanonicalJson.write(parsed);
    }

    /** Lower-case hex SHA-256 of the UTF-8 canonical JSON. */
    public static String canonicalSha256(JsonNode parsed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson(parsed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
