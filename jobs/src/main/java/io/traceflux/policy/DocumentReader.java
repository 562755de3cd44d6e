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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Builds the document tree from Jackson's YAML token stream (JSON is YAML too), recording the
 * line of every path on the way; ObjectMapper.readTree would lose the lines. Duplicate keys,
 * aliases and tags, which a tree silently resolves, are reported; a syntax error ends the reading.
 *
 * <p>Hostile text is bounded: the whole text at most {@value PolicyLoader#MAX_BYTES} code points
 * (SnakeYAML's own limit, for text that does not come from a file), nesting at most
 * {@value #MAX_DEPTH} levels (this reader recurses per level; a policy needs five), keys and
 * strings at most {@value #MAX_STRING} characters. Reaching a limit ends the reading with one
 * error at its line. Aliases are never expanded (the token stream reports them as such), so an
 * alias bomb costs nothing.
 */
final class DocumentReader {

    /** Deepest nesting of lists and mappings accepted. */
    static final int MAX_DEPTH = 64;

    /** Longest key or string accepted, in UTF-16 characters. */
    static final int MAX_STRING = 64 * 1024;

    private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions()).build();
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

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(PolicyLoader.MAX_BYTES);
        return options;
    }

    private JsonNode document() throws IOException {
        if (parser.nextToken() == null) {
            problems.add("", 0, "the file is empty: expected a mapping with policy, version, fingerprint and correlation");
            problems.throwIfAny();
        }
        JsonNode root = value("", 0);
        if (parser.nextToken() != null) {
            problems.add("", line(), "more than one YAML document: the file must hold exactly one");
        }
        return root;
    }

    private JsonNode value(String path, int depth) throws IOException {
        lines.putIfAbsent(path, line());
        if (depth >= MAX_DEPTH && (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY)) {
            problems.add(path, line(), "nested deeper than " + MAX_DEPTH + " levels of lists and mappings");
            problems.throwIfAny();
        }
        tag(path);
        return switch (parser.currentToken()) {
            case START_OBJECT -> mapping(path, depth + 1);
            case START_ARRAY -> list(path, depth + 1);
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

    private ObjectNode mapping(String path, int depth) throws IOException {
        ObjectNode mapping = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            checkLength(path, key, "key");
            String keyPath = DocPath.key(path, key);
            if (mapping.has(key)) {
                problems.add(keyPath, line(), "duplicate key (first at line " + lines.get(keyPath) + ")");
            }
            lines.putIfAbsent(keyPath, line());
            parser.nextToken();
            mapping.set(key, value(keyPath, depth));
        }
        return mapping;
    }

    private JsonNode list(String path, int depth) throws IOException {
        var list = NODES.arrayNode();
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            list.add(value(DocPath.index(path, i), depth));
        }
        return list;
    }

    private JsonNode string(String path) throws IOException {
        if (parser.isCurrentAlias()) {
            problems.add(path, line(), "YAML aliases (*" + parser.getText() + ") are not supported: write the value out");
        }
        String text = parser.getText();
        checkLength(path, text, "string");
        return NODES.textNode(text);
    }

    /** A policy is plain data: an explicit tag ({@code !!str}, {@code !!java.lang.Runtime}) is refused. */
    private void tag(String path) throws IOException {
        String tag = parser.getTypeId();
        if (tag != null) {
            problems.add(path, line(), "YAML tags (" + tag.replaceFirst("^tag:yaml.org,2002:", "!!")
                    + ") are not supported: a policy is plain data");
        }
    }

    private void checkLength(String path, String text, String what) {
        if (text.length() > MAX_STRING) {
            problems.add(path, line(), "a " + what + " of " + text.length() + " characters; at most " + MAX_STRING + " are allowed");
            problems.throwIfAny();
        }
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
