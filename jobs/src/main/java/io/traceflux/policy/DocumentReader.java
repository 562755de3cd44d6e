package io.traceflux.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Builds the document tree from Jackson's YAML token stream (JSON is YAML too), recording the
 * line of every path on the way; ObjectMapper.readTree would lose the lines. Duplicate keys and
 * aliases, which a tree silently resolves, are reported; a syntax error ends the reading.
 */
final class DocumentReader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final YAMLParser parser;
    private final Problems problems;
    private final Map<String, Integer> lines = new HashMap<>();

    private DocumentReader(YAMLParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /** The document, or a thrown {@link PolicyValidationException} when the text is not YAML. */
    static PolicyDocument read(String text, Problems problems) {
        try (YAMLParser parser = YAML.createParser(text)) {
            DocumentReader reader = new DocumentReader(parser, problems);
            return new PolicyDocument(reader.document(), reader.lines);
        } catch (JacksonException e) {
            syntaxError(e, problems);
            problems.throwIfAny();
            throw new IllegalStateException("unreachable", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from a String does no I/O
        }
    }

    private JsonNode document() throws IOException {
        if (parser.nextToken() == null) {
            problems.add("", 0, "the file is empty: expected a mapping with policy, version, fingerprint and correlation");
            problems.throwIfAny();
        }
        JsonNode root = value("");
        if (parser.nextToken() != null) {
            problems.add("", line(), "more than one YAML document: the file must hold exactly one");
        }
        return root;
    }

    private JsonNode value(String path) throws IOException {
        lines.putIfAbsent(path, line());
        return switch (parser.currentToken()) {
            case START_OBJECT -> mapping(path);
            case START_ARRAY -> list(path);
            case VALUE_STRING -> string(path);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(path);
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> {
                problems.add(path, line(), "unsupported YAML value (" + parser.currentToken() + ")");
                yield NODES.nullNode();
            }
        };
    }

    private ObjectNode mapping(String path) throws IOException {
        ObjectNode mapping = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String keyPath = DocPath.key(path, key);
            if (mapping.has(key)) {
                problems.add(keyPath, line(), "duplicate key (first at line " + lines.get(keyPath) + ")");
            }
            lines.putIfAbsent(keyPath, line());
            parser.nextToken();
            mapping.set(key, value(keyPath));
        }
        return mapping;
    }

    private JsonNode list(String path) throws IOException {
        var list = NODES.arrayNode();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            list.add(value(DocPath.index(path, i)));
        }
        return list;
    }

    private JsonNode string(String path) throws IOException {
        if (parser.isCurrentAlias()) {
            problems.add(path, line(), "YAML aliases (*" + parser.getText() + ") are not supported: write the value out");
        }
        return NODES.textNode(parser.getText());
    }

    private JsonNode number(String path) throws IOException {
        try {
            return switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                case BIG_INTEGER -> NODES.numberNode(parser.getBigIntegerValue());
                default -> NODES.numberNode(parser.getDoubleValue());
            };
        } catch (JacksonException e) {
            problems.add(path, line(), "not a number this parser can read: " + parser.getText());
            return NODES.textNode(parser.getText());
        }
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    /** SnakeYAML knows the line of the problem itself; Jackson's location may be the context's. */
    private static void syntaxError(JacksonException e, Problems problems) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                problems.add("", yaml.getProblemMark().getLine() + 1, "not valid YAML: " + oneLine(yaml.getProblem()));
                return;
            }
        }
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        problems.add("", Math.max(line, 0), "not valid YAML: " + oneLine(e.getOriginalMessage()));
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s+", " ").trim();
    }
}
