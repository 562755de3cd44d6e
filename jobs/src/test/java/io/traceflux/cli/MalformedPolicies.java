package io.traceflux.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.traceflux.policy.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Malformed policy files made by mutating the valid policies of the repository, deterministically
 * from a seed: wrong types, unknown keys, missing fields, bad matchers and durations, pathological
 * regexes, huge numbers, deep nesting, aliases, tags, bytes that are not UTF-8, empty and huge
 * files, damaged syntax. The kinds take turns, so any 14 consecutive cases hold every kind.
 *
 * <p>Most kinds are certainly invalid by construction ({@link Case#certainlyInvalid}); a few
 * (a missing key that was optional, a truncation at a harmless place, a valid but pathological
 * regex) may produce a valid policy, and the caller must find out by validating.
 */
final class MalformedPolicies {

    /**
     * One generated file.
     *
     * @param kind              the mutation, e.g. {@code wrong-type}
     * @param detail            what exactly was changed, for a failure message
     * @param folder            the policy folder the file goes in (its id when valid)
     * @param fileName          {@code v<N>.yaml} as the base policy's
     * @param bytes             the file's content
     * @param certainlyInvalid  whether no valid policy can come out of this mutation
     */
    record Case(String kind, String detail, String folder, String fileName, byte[] bytes, boolean certainlyInvalid) {
    }

    /** A valid policy of the repository, as text and as a tree. */
    private record Base(String folder, String fileName, String text, JsonNode tree) {
    }

    /** A place in a tree: a key of a mapping or an index of a list. */
    private record Slot(JsonNode container, String key, int index, JsonNode value) {
        void set(JsonNode replacement) {
            if (container instanceof ObjectNode o) {
                o.set(key, replacement);
            } else {
                ((ArrayNode) container).set(index, replacement);
            }
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> KINDS = List.of("wrong-type", "unknown-key", "missing-field", "bad-matcher",
            "bad-duration", "pathological-regex", "huge-number", "deep-nesting", "aliases", "tags", "not-utf8",
            "empty", "huge", "syntax");

    private static final List<String> BAD_MATCHERS = List.of("pop=fra1", "pop==\"x\"", "=~\"x\"", "pop=~\"(?!x).*\"",
            "pop=~\"(a)\\1\"", "pop=~\"[\"", "pop=\"unterminated", "pop=\"a\" trailing", "1pop=\"a\"", "", " ",
            "pop~=\"a\"", "pop=~\"(?<n>a)\"", "pop=~\"a**\"", "pop=~\"\\Z\"", "pop=~\"x{1001}\"");
    private static final List<String> TOO_BIG_REGEXES = List.of("((a{1000}){1000}){1000}", "(a{1000}){1000}",
            "(.{0,100}){100}", "(".repeat(5000) + "a" + ")".repeat(5000), "(?:a".repeat(150) + ")*".repeat(150),
            "x.".repeat(5000));
    private static final List<String> PATHOLOGICAL_VALID = List.of("(.*.){10}#", "(a|aa)*b", "(a+)+b", "(x+x+)+y");
    private static final List<String> BAD_DURATIONS = List.of("1m30s", "1.5s", "-1m", "5 m", "1d", "", "m", "1H",
            "99999999999999999999h", "106752d", "9223372036854775807ms", "2m ", " 2m", "0x10s", "١m");
    private static final List<String> HUGE_NUMBERS = List.of("-1", "99999999999999999999", "1e400", "-1e400",
            "9".repeat(5000), ".inf", ".nan", "-2147483649", "-0.5");
    private static final List<String> TAGS = List.of("!!java.lang.Runtime", "!!python/object/apply:os.system",
            "!<tag:yaml.org,2002:java.net.URL>", "!!javax.script.ScriptEngineManager", "!!str", "!custom", "!!binary");
    private static final List<String> EMPTY = List.of("", " ", "\n\n", "# only a comment\n", "---\n", "~\n", "null\n",
            "[]\n", "{}\n", "\uFEFF", "...\n", "'just a string'\n", "42\n");

    private final List<Base> bases;
    private final Random random;
    private int next;

    MalformedPolicies(Path policiesRoot, long seed) {
        this.bases = read(policiesRoot);
        this.random = new Random(seed);
    }

    private static List<Base> read(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Base> bases = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().matches("v[0-9]+\\.yaml")).sorted().toList()) {
                String text = Files.readString(file);
                bases.add(new Base(file.getParent().getFileName().toString(), file.getFileName().toString(), text, YAML.readTree(text)));
            }
            if (bases.isEmpty()) {
                throw new IllegalStateException("no policy under " + root);
            }
            return bases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int baseCount() {
        return bases.size();
    }

    /** The next case; the kinds take turns, everything else is drawn from the seed. */
    Case next() {
        String kind = KINDS.get(next++ % KINDS.size());
        Base base = bases.get(random.nextInt(bases.size()));
        return switch (kind) {
            case "wrong-type" -> wrongType(base);
            case "unknown-key" -> unknownKey(base);
            case "missing-field" -> missingField(base);
            case "bad-matcher" -> badMatcher(base);
            case "bad-duration" -> badDuration(base);
            case "pathological-regex" -> pathologicalRegex(base);
            case "huge-number" -> hugeNumber(base);
            case "deep-nesting" -> deepNesting(base);
            case "aliases" -> aliases(base);
            case "tags" -> tags(base);
            case "not-utf8" -> notUtf8(base);
            case "empty" -> text(base, kind, "empty file variant", pick(EMPTY), true);
            case "huge" -> huge(base);
            default -> syntax(base);
        };
    }

    private Case wrongType(Base base) {
        JsonNode tree = base.tree().deepCopy();
        Slot slot = pick(slots(tree, s -> true));
        List<JsonNode> others = Stream.<JsonNode>of(NODES.numberNode(7), NODES.textNode("7 x!"), NODES.arrayNode(),
                NODES.objectNode(), NODES.booleanNode(true), NODES.nullNode())
                .filter(n -> n.getNodeType() != slot.value().getNodeType()).toList();
        JsonNode replacement = pick(others);
        slot.set(replacement);
        return json(base, "wrong-type", where(slot) + " = " + replacement, tree, true);
    }

    private Case unknownKey(Base base) {
        JsonNode tree = base.tree().deepCopy();
        List<JsonNode> mappings = new ArrayList<>(List.of(tree));
        slots(tree, s -> s.value().isObject()).forEach(s -> mappings.add(s.value()));
        ObjectNode mapping = (ObjectNode) pick(mappings);
        String key = pick(List.of("zz_unknown", "Policy", "version ", "matchers", "window", "regex", "__proto__"));
        if (mapping.has(key)) {
            key = "zz_" + key;
        }
        mapping.put(key, 1);
        return json(base, "unknown-key", "added " + key, tree, true);
    }

    private Case missingField(Base base) {
        JsonNode tree = base.tree().deepCopy();
        Slot slot = pick(slots(tree, s -> s.container().isObject()));
        ((ObjectNode) slot.container()).remove(slot.key());
        return json(base, "missing-field", "removed " + where(slot), tree, false);
    }

    private Case badMatcher(Base base) {
        JsonNode tree = base.tree().deepCopy();
        List<Slot> matchers = slots(tree, MalformedPolicies::isMatcher);
        String bad = pick(BAD_MATCHERS);
        if (matchers.isEmpty()) {
            return text(base, "bad-matcher", "appended a rule with " + bad,
                    base.text() + "\nsuppression: [{id: zz, drop: [" + quoted(bad) + "]}]\n", true);
        }
        Slot slot = pick(matchers);
        slot.set(NODES.textNode(bad));
        return json(base, "bad-matcher", where(slot) + " = " + bad, tree, true);
    }

    private Case badDuration(Base base) {
        JsonNode tree = base.tree().deepCopy();
        Slot slot = pick(slots(tree, s -> s.container().isObject()
                && List.of("window", "gap", "max_span", "within").contains(s.key())));
        String bad = pick(BAD_DURATIONS);
        slot.set(random.nextInt(5) == 0 ? NODES.numberNode(5) : NODES.textNode(bad));
        return json(base, "bad-duration", where(slot) + " = " + slot.container().get(slot.key()), tree, true);
    }

    private Case pathologicalRegex(Base base) {
        JsonNode tree = base.tree().deepCopy();
        boolean valid = random.nextInt(4) == 0;
        String regex = valid ? pick(PATHOLOGICAL_VALID) : pick(TOO_BIG_REGEXES);
        List<Slot> patterns = slots(tree, s -> s.container().isObject() && "pattern".equals(s.key()));
        Slot slot;
        if (!patterns.isEmpty() && random.nextBoolean()) {
            slot = pick(patterns);
            slot.set(NODES.textNode(regex));
        } else {
            List<Slot> matchers = slots(tree, MalformedPolicies::isMatcher);
            if (matchers.isEmpty()) {
                return text(base, "pathological-regex", "appended host=~" + shorten(regex),
                        base.text() + "\nsuppression: [{id: zz, drop: [" + quoted("host=~\"" + regex + "\"") + "]}]\n", !valid);
            }
            slot = pick(matchers);
            slot.set(NODES.textNode("host=~\"" + regex.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        }
        return json(base, "pathological-regex", where(slot) + " = " + shorten(regex), tree, !valid);
    }

    private Case hugeNumber(Base base) {
        JsonNode tree = base.tree().deepCopy();
        Slot slot = pick(slots(tree, s -> s.value().isNumber()));
        String number = pick(HUGE_NUMBERS);
        slot.set(NODES.textNode("@@NUMBER@@"));
        String text = jsonText(tree).replace("\"@@NUMBER@@\"", number);
        // 10^20 is a whole number: a valid (if pointless) count gate, invalid anywhere else
        return new Case("huge-number", where(slot) + " = " + shorten(number), base.folder(), base.fileName(),
                text.getBytes(StandardCharsets.UTF_8), !number.equals("99999999999999999999"));
    }

    private Case deepNesting(Base base) {
        JsonNode tree = base.tree().deepCopy();
        Slot slot = pick(slots(tree, s -> true));
        int depth = pick(List.of(65, 200, 10_000, 100_000));
        boolean lists = random.nextBoolean();
        String deep = lists ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        slot.set(NODES.textNode("@@DEEP@@"));
        String text = jsonText(tree).replace("\"@@DEEP@@\"", deep);
        return new Case("deep-nesting", where(slot) + " nested " + depth + (lists ? " lists" : " mappings"),
                base.folder(), base.fileName(), text.getBytes(StandardCharsets.UTF_8), true);
    }

    private Case aliases(Base base) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                StringBuilder bomb = new StringBuilder(base.text()).append("\nlol0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
                for (int i = 1; i < 10; i++) {
                    bomb.append("lol").append(i).append(": &l").append(i).append(" [")
                            .append(("*l" + (i - 1) + ",").repeat(9)).append("]\n");
                }
                yield text(base, "aliases", "billion laughs", bomb.toString(), true);
            }
            case 1 -> text(base, "aliases", "an undefined alias", base.text().replaceFirst("(?m)^policy: .*$", "policy: *nowhere"), true);
            default -> text(base, "aliases", "an anchored id reused by alias",
                    base.text().replaceFirst("(?m)^policy: (.*)$", "policy: &id $1\ndescription_copy: *id"), true);
        };
    }

    private Case tags(Base base) {
        String tag = pick(TAGS);
        List<String> keys = base.text().lines().filter(l -> l.matches("[a-z_]+:.*")).map(l -> l.substring(0, l.indexOf(':'))).toList();
        String key = pick(keys);
        String text = base.text().replaceFirst("(?m)^" + key + ":", key + ": " + tag);
        return text(base, "tags", tag + " on " + key, text, true);
    }

    private Case notUtf8(Base base) {
        byte[] utf8 = base.text().getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(4)) {
            case 0 -> bytes(base, "not-utf8", "UTF-16", base.text().getBytes(StandardCharsets.UTF_16));
            case 1 -> bytes(base, "not-utf8", "Latin-1 é in the description",
                    (base.text() + "\ndescription_x: café\n").getBytes(StandardCharsets.ISO_8859_1));
            default -> {
                int at = random.nextInt(utf8.length + 1);
                byte[] bad = pick(List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0x80},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(utf8, 0, at);
                out.writeBytes(bad);
                out.write(utf8, at, utf8.length - at);
                yield bytes(base, "not-utf8", String.format("byte 0x%02X at %d", bad[0] & 0xFF, at), out.toByteArray());
            }
        };
    }

    private Case huge(Base base) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                int extra = 1 + random.nextInt(1000);
                String padding = "#".repeat(PolicyLoader.MAX_BYTES - base.text().length() + extra) + "\n";
                yield text(base, "huge", "padded to the size limit + " + extra, base.text() + padding, true);
            }
            case 1 -> text(base, "huge", "a 2 MiB description",
                    base.text() + "\ndescription_x: \"" + "x".repeat(2 << 20) + "\"\n", true);
            case 2 -> text(base, "huge", "a 100,000-character quoted string",
                    base.text() + "\ndescription_x: \"" + "x".repeat(100_000) + "\"\n", true);
            default -> {
                StringBuilder keys = new StringBuilder(base.text()).append('\n');
                for (int i = 0; keys.length() < PolicyLoader.MAX_BYTES - 20; i++) {
                    keys.append("k").append(i).append(": 1\n");
                }
                yield text(base, "huge", "tens of thousands of unknown keys", keys.toString(), true);
            }
        };
    }

    private Case syntax(Base base) {
        String text = base.text();
        int at = random.nextInt(text.length());
        return switch (random.nextInt(5)) {
            case 0 -> text(base, "syntax", "truncated at " + at, text.substring(0, at), false);
            case 1 -> {
                char c = pick(List.of('{', '}', '[', ']', ':', ',', '"', '\'', '\t', '&', '*', '!', '|', '>', '%', '@', '`'));
                yield text(base, "syntax", "inserted " + c + " at " + at, text.substring(0, at) + c + text.substring(at), false);
            }
            case 2 -> {
                String line = pick(text.lines().filter(l -> l.matches("[a-z_]+:.*")).toList());
                yield text(base, "syntax", "duplicated " + line.substring(0, line.indexOf(':')), text + "\n" + line + "\n", true);
            }
            case 3 -> text(base, "syntax", "a second document", text + "\n---\npolicy: other\n", true);
            default -> text(base, "syntax", "a tab as indentation", text.replaceFirst("(?m)^  ", "\t"), false);
        };
    }

    private static boolean isMatcher(Slot slot) {
        return slot.value().isTextual() && slot.container().isArray() && slot.value().textValue().matches("[A-Za-z_][A-Za-z0-9_./-]*\\s*(=|!=|=~|!~)\\s*\".*");
    }

    /** Every slot of {@code tree} (depth first) that {@code filter} accepts. */
    private static List<Slot> slots(JsonNode tree, Predicate<Slot> filter) {
        List<Slot> slots = new ArrayList<>();
        collect(tree, filter, slots);
        return slots;
    }

    private static void collect(JsonNode node, Predicate<Slot> filter, List<Slot> slots) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                Slot slot = new Slot(node, e.getKey(), -1, e.getValue());
                if (filter.test(slot)) {
                    slots.add(slot);
                }
                collect(e.getValue(), filter, slots);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Slot slot = new Slot(node, null, i, node.get(i));
                if (filter.test(slot)) {
                    slots.add(slot);
                }
                collect(node.get(i), filter, slots);
            }
        }
    }

    private static String where(Slot slot) {
        return slot.key() != null ? slot.key() : "[" + slot.index() + "]";
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "... (" + text.length() + " characters)" : text;
    }

    private static String jsonText(JsonNode tree) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code text} as a quoted JSON (and so YAML) string. */
    private static String quoted(String text) {
        return jsonText(NODES.textNode(text)).strip();
    }

    private static Case json(Base base, String kind, String detail, JsonNode tree, boolean certainlyInvalid) {
        return text(base, kind, detail, jsonText(tree), certainlyInvalid);
    }

    private static Case text(Base base, String kind, String detail, String text, boolean certainlyInvalid) {
        return new Case(kind, detail, base.folder(), base.fileName(), text.getBytes(StandardCharsets.UTF_8), certainlyInvalid);
    }

    private static Case bytes(Base base, String kind, String detail, byte[] bytes) {
        return new Case(kind, detail, base.folder(), base.fileName(), bytes, true);
    }
}
