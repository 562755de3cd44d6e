package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The DuckDB peer's own reading of a policy file (SPEC 3.3), independent of the job's
 * {@code io.traceflux.policy} classes: the peer is a yardstick, so a misreading in the job's
 * loader must not be copied into it. It reads only what SPEC 3.2 needs to compute, and trusts
 * the file to be valid (the job refuses invalid policies; the peer is run on the same files
 * after the replay accepted them): anything it cannot read is an {@link IllegalArgumentException}.
 *
 * @param id            the policy id, part of every incident id
 * @param severityMap   raw severity in lower case to canonical name
 * @param fingerprint   the fields in order
 * @param dedupWindowUs the dedup window in microseconds, empty when there is no dedup
 * @param rules         the suppression rules in order
 * @param groupBy       correlation.group_by
 * @param gapUs         correlation.gap
 * @param maxSpanUs     correlation.max_span, empty for no cut
 * @param minSignals    correlation.min_signals
 * @param title         aggregation.title
 */
record PeerPolicy(String id, Map<String, String> severityMap, List<Field> fingerprint, Optional<Long> dedupWindowUs,
                  List<Rule> rules, List<String> groupBy, long gapUs, Optional<Long> maxSpanUs, long minSignals,
                  String title) {

    /** SPEC 3.2 step 1: canonical severities, highest rank first (rank 5 .. 1; anything else is unknown, 0). */
    static final List<String> CANONICAL = List.of("critical", "major", "minor", "warning", "info");
    static final String UNKNOWN = "unknown";

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");
    private static final Pattern MATCHER = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_./-]*)\\s*(=~|!~|!=|=)\\s*\"(.*)\"\\s*");

    /** A fingerprint field, with its optional regex replacement. */
    record Field(String name, Optional<String> pattern, String replace) {
    }

    /** {@code name op "value"}; {@code regex} for =~ and !~, {@code negated} for != and !~. */
    record Matcher(String name, boolean regex, boolean negated, String value) {

        static Matcher parse(String text) {
            java.util.regex.Matcher m = MATCHER.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a matcher: " + text);
            }
            String op = m.group(2);
            return new Matcher(m.group(1), op.contains("~"), op.startsWith("!"), unquote(m.group(3)));
        }

        /** SPEC 3.1: {@code \"} is {@code "}, {@code \\} is {@code \}, any other backslash stays. */
        private static String unquote(String quoted) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < quoted.length(); i++) {
                char c = quoted.charAt(i);
                if (c == '\\' && i + 1 < quoted.length() && (quoted.charAt(i + 1) == '"' || quoted.charAt(i + 1) == '\\')) {
                    out.append(quoted.charAt(++i));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    /** One suppression rule. */
    sealed interface Rule {
        String id();
    }

    /** {@code drop}: its matchers. */
    record Drop(String id, List<Matcher> match) implements Rule {
    }

    /** {@code maintenance}: matchers and {@code [fromUs, toUs)}. */
    record Maintenance(String id, List<Matcher> match, long fromUs, long toUs) implements Rule {
    }

    /** {@code inhibit}: source and target matchers, equal names, within. */
    record Inhibit(String id, List<Matcher> source, List<Matcher> target, List<String> equal, long withinUs)
            implements Rule {
    }

    static PeerPolicy read(Path file) throws IOException {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        Map<String, String> severityMap = new LinkedHashMap<>();
        doc.path("severity_map").fields().forEachRemaining(e ->
                severityMap.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : doc.path("fingerprint").path("fields")) {
            if (f.isTextual()) {
                fields.add(new Field(f.asText(), Optional.empty(), ""));
            } else {
                JsonNode n = f.path("normalize");
                fields.add(new Field(f.get("name").asText(),
                        n.isMissingNode() ? Optional.empty() : Optional.of(n.get("pattern").asText()),
                        n.path("replace").asText("")));
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : doc.path("suppression")) {
            rules.add(rule(r));
        }
        JsonNode correlation = doc.get("correlation");
        List<String> groupBy = new ArrayList<>();
        correlation.path("group_by").forEach(g -> groupBy.add(g.asText()));
        return new PeerPolicy(doc.get("policy").asText(), severityMap, fields,
                optionalMicros(doc.path("dedup").path("window")), rules, groupBy,
                micros(correlation.get("gap").asText()), optionalMicros(correlation.path("max_span")),
                correlation.path("min_signals").asLong(1), doc.path("aggregation").path("title").asText("{count} signals"));
    }

    private static Rule rule(JsonNode r) {
        String id = r.get("id").asText();
        if (r.has("drop")) {
            return new Drop(id, matchers(r.get("drop")));
        }
        if (r.has("maintenance")) {
            JsonNode m = r.get("maintenance");
            return new Maintenance(id, matchers(m.path("match")), instantMicros(m.get("from").asText()),
                    instantMicros(m.get("to").asText()));
        }
        if (r.has("inhibit")) {
            JsonNode i = r.get("inhibit");
            List<String> equal = new ArrayList<>();
            i.path("equal").forEach(e -> equal.add(e.asText()));
            return new Inhibit(id, matchers(i.get("source")), matchers(i.get("target")), equal,
                    micros(i.get("within").asText()));
        }
        throw new IllegalArgumentException("suppression rule " + id + ": no drop, maintenance or inhibit");
    }

    private static List<Matcher> matchers(JsonNode list) {
        List<Matcher> out = new ArrayList<>();
        list.forEach(m -> out.add(Matcher.parse(m.asText())));
        return out;
    }

    /** {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}. */
    static long micros(String duration) {
        java.util.regex.Matcher m = DURATION.matcher(duration.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + duration);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n * 1_000L;
            case "s" -> n * 1_000_000L;
            case "m" -> n * 60_000_000L;
            default -> n * 3_600_000_000L;
        };
    }

    private static Optional<Long> optionalMicros(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(micros(node.asText()));
    }

    /** SPEC 2.1's timestamp text: a space or T, and no offset meaning UTC. */
    static long instantMicros(String text) {
        String t = text.trim().replace(' ', 'T');
        boolean offset = t.endsWith("Z") || t.matches(".*[+-][0-9]{2}:[0-9]{2}$");
        Instant i = OffsetDateTime.parse(offset ? t : t + "Z").toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }
}
