package io.traceflux.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A policy file parsed but not yet validated: the document tree (what the hash and the diff are
 * computed from) and the line where each path starts.
 *
 * @param root  the parsed document
 * @param lines 1-based line of each path (keys at their key's line, list elements at their start)
 */
public record PolicyDocument(JsonNode root, Map<String, Integer> lines) {

    public PolicyDocument {
        lines = Map.copyOf(lines);
    }

    /**
     * Parses YAML or JSON text. Throws {@link PolicyValidationException} naming {@code fileName}
     * when it is not one YAML document, or has duplicate keys or aliases.
     */
    public static PolicyDocument parse(String text, String fileName) {
        Problems problems = new Problems(fileName);
        PolicyDocument document = DocumentReader.read(text, problems);
        problems.throwIfAny();
        return document;
    }

    /** The SHA-256 of the canonical form (see {@link PolicyHash}). */
    public String sha256() {
        return PolicyHash.canonicalSha256(root);
    }

    /** The document's root, for validation that reports paths and lines. */
    public Node rootNode() {
        return new Node(root, "", lines.getOrDefault("", 0), lines);
    }
}
