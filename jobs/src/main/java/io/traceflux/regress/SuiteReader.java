package io.traceflux.regress;

import com.fasterxml.jackson.databind.JsonNode;
import io.traceflux.InvalidInputException;
import io.traceflux.capture.CaptureRef;
import io.traceflux.capture.Scope;
import io.traceflux.execution.BaselineSpec;
import io.traceflux.execution.ExecutionId;
import io.traceflux.policy.Fields;
import io.traceflux.policy.Node;
import io.traceflux.policy.PolicyDocument;
import io.traceflux.policy.PolicyError;
import io.traceflux.policy.PolicyLoader;
import io.traceflux.policy.PolicyRef;
import io.traceflux.policy.PolicyValidationException;
import io.traceflux.policy.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a suite file (YAML or JSON, docs/regression.md) and validates all of it before anything
 * runs: every problem is reported at once, each with the file, line and path
 * ({@code windows[3].policies[0].policy: ...}), as a {@link PolicyValidationException}
 * (exit code 2). Policies and captures are not opened here: a window whose policy or capture
 * turns out unusable fails alone when it runs.
 */
public final class SuiteReader {

    private static final List<String> KEYS = List.of("suite", "version", "description", "policies_folder", "windows");
    private static final List<String> REQUIRED = List.of("suite", "version", "windows");
    private static final List<String> WINDOW_KEYS = List.of("name", "capture", "baseline", "scope", "policies");
    private static final List<String> WINDOW_REQUIRED = List.of("name", "capture", "policies");
    private static final List<String> REPLAY_KEYS = List.of("policy", "expected");

    private final Path file;
    private final Problems problems;
    private final Fields fields;

    private SuiteReader(Path file) {
        this.file = file;
        this.problems = new Problems(file.toString());
        this.fields = new Fields(problems);
    }

    /** The validated suite in {@code file}. */
    public static Suite read(Path file) {
        String text = PolicyLoader.readText(file, "suite file");
        if (text.isBlank()) {
            throw new PolicyValidationException(List.of(new PolicyError(file.toString(), "", 0,
                    "the file is empty: expected a mapping with suite, version and windows")));
        }
        return new SuiteReader(file).suite(PolicyDocument.parse(text, file.toString()).rootNode());
    }

    private Suite suite(Node root) {
        if (!fields.mapping(root, KEYS, REQUIRED)) {
            problems.throwIfAny();
        }
        Optional<String> name = fields.string(root.get("suite")).filter(n -> id(root.get("suite"), n));
        Optional<Integer> version = fields.integer(root.get("version"), 1);
        String description = fields.string(root.get("description")).orElse("");
        Optional<Path> policies = fields.string(root.get("policies_folder")).map(this::resolve).map(Path::of);
        List<SuiteWindow> windows = windows(root.get("windows"));
        problems.throwIfAny();
        return new Suite(name.orElseThrow(), version.orElseThrow(), description, policies, windows, file);
    }

    private List<SuiteWindow> windows(Node node) {
        List<Node> elements = fields.optionalList(node);
        if (node.json().isArray() && elements.isEmpty()) {
            problems.add(node, "needs at least one window");
        }
        Map<String, String> names = new HashMap<>();
        List<SuiteWindow> windows = new ArrayList<>();
        for (Node w : elements) {
            window(w, names).ifPresent(windows::add);
        }
        return windows;
    }

    private Optional<SuiteWindow> window(Node w, Map<String, String> names) {
        int mark = problems.mark();
        if (!fields.mapping(w, WINDOW_KEYS, WINDOW_REQUIRED)) {
            return Optional.empty();
        }
        Optional<String> name = fields.string(w.get("name")).filter(n -> id(w.get("name"), n) && unique(w.get("name"), n, names));
        Optional<String> capture = fields.string(w.get("capture")).flatMap(c -> capture(w.get("capture"), c));
        String baseline = fields.string(w.get("baseline")).filter(b -> baseline(w.get("baseline"), b)).orElse(null);
        String scope = fields.string(w.get("scope")).filter(s -> scope(w.get("scope"), s)).orElse(null);
        List<SuiteReplay> replays = replays(w.get("policies"), "none".equals(baseline));
        if (!problems.noneSince(mark)) {
            return Optional.empty();
        }
        return Optional.of(new SuiteWindow(name.orElseThrow(), capture.orElseThrow(), baseline, scope, replays));
    }

    private List<SuiteReplay> replays(Node node, boolean noBaseline) {
        List<Node> elements = fields.optionalList(node);
        if (node.json().isArray() && elements.isEmpty()) {
            problems.add(node, "needs at least one policy version to replay, like - policy: edge@v3");
        }
        Map<String, String> seen = new HashMap<>();
        List<SuiteReplay> replays = new ArrayList<>();
        for (Node r : elements) {
            if (!fields.mapping(r, REPLAY_KEYS, List.of("policy"))) {
                continue;
            }
            Optional<String> policy = fields.string(r.get("policy")).filter(p -> policyRef(r.get("policy"), p, seen));
            Map<Figure, Object> expected = expected(r.get("expected"), noBaseline);
            policy.ifPresent(p -> replays.add(new SuiteReplay(p, expected)));
        }
        return replays;
    }

    private Map<Figure, Object> expected(Node node, boolean noBaseline) {
        Map<Figure, Object> expected = new EnumMap<>(Figure.class);
        if (!node.present()) {
            return expected;
        }
        if (!node.json().isObject()) {
            problems.add(node, "expected a mapping from figure to value, like incidents: 8, got " + node.kind());
            return expected;
        }
        for (String key : node.keys()) {
            Node value = node.get(key);
            Optional<Figure> figure = Figure.of(key);
            if (figure.isEmpty()) {
                problems.add(value, "unknown figure (known: " + Figure.keys() + ")");
            } else if (noBaseline && figure.get().needsBaseline()) {
                problems.add(value, "a parity figure, but the window has baseline: none (no parity is computed)");
            } else {
                figureValue(value, figure.get()).ifPresent(v -> expected.put(figure.get(), v.orElse(null)));
            }
        }
        return expected;
    }

    /** The pinned value: empty when invalid (reported); a present empty Optional for null. */
    private Optional<Optional<Object>> figureValue(Node node, Figure figure) {
        JsonNode json = node.json();
        if (json.isNull() && figure.nullable()) {
            return Optional.of(Optional.empty());
        }
        Optional<Object> value = switch (figure.kind()) {
            case COUNT -> json.isIntegralNumber() && json.canConvertToLong() && json.longValue() >= 0
                    ? Optional.of(json.longValue()) : Optional.empty();
            case RATE -> json.isNumber() && json.doubleValue() >= 0 && json.doubleValue() <= 1
                    ? Optional.of(json.doubleValue()) : Optional.empty();
            case SECONDS -> json.isNumber() && json.doubleValue() >= 0
                    ? Optional.of(json.doubleValue()) : Optional.empty();
            case FLAG -> json.isBoolean() ? Optional.of(json.booleanValue()) : Optional.empty();
            case LEVEL -> json.isTextual() && List.of("high", "medium", "low").contains(json.textValue())
                    ? Optional.of(json.textValue()) : Optional.empty();
        };
        if (value.isEmpty()) {
            problems.add(node, "expected " + switch (figure.kind()) {
                case COUNT -> "a whole number of at least 0";
                case RATE -> "a number from 0 to 1";
                case SECONDS -> "a number of seconds of at least 0";
                case FLAG -> "true or false";
                case LEVEL -> "high, medium or low";
            } + ", got " + (json.isValueNode() ? json.asText() : node.kind()));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private boolean id(Node node, String id) {
        if (!ExecutionId.isValid(id)) {
            problems.add(node, "\"" + id + "\" is not a valid name (1-128 characters of A-Z a-z 0-9 . _ -, "
                    + "starting with a letter or digit): it becomes part of execution ids");
            return false;
        }
        return true;
    }

    private boolean unique(Node node, String name, Map<String, String> names) {
        String first = names.putIfAbsent(name, node.path());
        if (first != null) {
            problems.add(node, "\"" + name + "\" is used twice (also at " + first + ")");
        }
        return first == null;
    }

    private boolean policyRef(Node node, String policy, Map<String, String> seen) {
        if (!PolicyRef.isReference(policy)) {
            problems.add(node, "\"" + policy + "\" is not a policy version ID@vN, like edge@v3 (resolved under the policies folder)");
            return false;
        }
        return unique(node, policy, seen);
    }

    private Optional<String> capture(Node node, String text) {
        try {
            CaptureRef ref = CaptureRef.parse(text);
            String path = resolve(ref.path());
            return Optional.of(ref.version().map(v -> path + "@" + v).orElse(path));
        } catch (InvalidInputException e) {
            problems.add(node, e.getMessage());
            return Optional.empty();
        }
    }

    private boolean baseline(Node node, String text) {
        if (text.startsWith("policy:") && !PolicyRef.isReference(text.substring("policy:".length()))) {
            problems.add(node, "a policy baseline in a suite is policy:ID@vN, like policy:edge@v2");
            return false;
        }
        try {
            // Syntax only: a policy baseline is loaded when its window runs.
            BaselineSpec.parse(text, ref -> null);
            return true;
        } catch (InvalidInputException e) {
            problems.add(node, e.getMessage());
            return false;
        }
    }

    private boolean scope(Node node, String text) {
        try {
            Scope.parse(text);
            return true;
        } catch (InvalidInputException e) {
            problems.add(node, e.getMessage());
            return false;
        }
    }

    /** A path of the file, relative to the file's folder unless absolute or a URI. */
    private String resolve(String path) {
        if (path.contains("://") || path.startsWith("file:")) {
            return path;
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        return folder.resolve(path).normalize().toString();
    }
}
