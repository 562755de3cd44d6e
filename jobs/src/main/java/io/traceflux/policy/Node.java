package io.traceflux.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A value of a parsed document (a policy or a regression suite) together with its path and line,
 * so that every check can say where it failed. An absent key is a node too (a {@link MissingNode} at the parent's line).
 */
public final class Node {

    private final JsonNode json;
    private final String path;
    private final int line;
    private final Map<String, Integer> lines;

    Node(JsonNode json, String path, int line, Map<String, Integer> lines) {
        this.json = json;
        this.path = path;
        this.line = line;
        this.lines = lines;
    }

    public JsonNode json() {
        return json;
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public boolean present() {
        return !json.isMissingNode();
    }

    public Node get(String key) {
        String childPath = DocPath.key(path, key);
        JsonNode child = json.isObject() && json.has(key) ? json.get(key) : MissingNode.getInstance();
        return new Node(child, childPath, lines.getOrDefault(childPath, line), lines);
    }

    /** The keys of a mapping in document order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The elements of a list. */
    public List<Node> elements() {
        List<Node> elements = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            String childPath = DocPath.index(path, i);
            elements.add(new Node(json.get(i), childPath, lines.getOrDefault(childPath, line), lines));
        }
        return elements;
    }

    /** What kind of value this is, for messages: "a list", "a string", "null" ... */
    public String kind() {
        return switch (json.getNodeType()) {
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> json.isIntegralNumber() ? "an integer" : "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null (an empty value)";
            case MISSING -> "nothing";
            default -> "an unsupported value";
        };
    }
}
