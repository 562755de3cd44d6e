package io.traceflux.bench;

import io.traceflux.policy.FingerprintField;
import io.traceflux.policy.Matcher;
import io.traceflux.policy.Policy;
import io.traceflux.policy.Severity;
import io.traceflux.policy.SuppressionRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SPEC 3.2 for one policy as DuckDB SQL, written independently of the job's Spark code: the
 * peer the benchmark compares the replay with. The statements read the temp table
 * {@code selected} (the capture's accepted rows with {@code us}, the event time in epoch
 * microseconds) and leave {@code <p>_explained} (one row per signal: fingerprint,
 * suppressed_by, duplicate_of, incident_id, decision) and {@code <p>_incidents}.
 *
 * <p>Same semantics, different means: an inhibit rule is two ASOF joins (the nearest source at
 * or before and at or after each signal) instead of the job's time buckets; episodes and
 * sessions are running sums of start flags instead of running maxima; the incident id is the
 * same hash (decisions.md), so ids can be compared one to one. Regexes go to DuckDB's RE2
 * as written in the policy (full match for matchers), where the job translates them to Java.
 */
final class PolicySql {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_./-]*)}");
    private static final List<String> SIGNAL_COLUMNS =
            List.of("service", "region", "pop", "host", "check", "severity", "source", "status");

    private final Policy policy;
    private final String p;
    private final List<String> statements = new ArrayList<>();
    private int tables;

    private PolicySql(Policy policy, String prefix) {
        this.policy = policy;
        this.p = prefix;
    }

    /** The statements, in order, that build {@code <prefix>_explained} and {@code <prefix>_incidents}. */
    static List<String> statements(Policy policy, String prefix) {
        PolicySql sql = new PolicySql(policy, prefix);
        String suppressed = sql.suppress(sql.normalizeAndFingerprint());
        sql.deduplicate(suppressed);
        sql.correlate(suppressed);
        sql.explain(suppressed);
        sql.aggregate();
        return List.copyOf(sql.statements);
    }

    /** Step 1 and 2: canonical severity (matchers see it), then the fingerprint. */
    private String normalizeAndFingerprint() {
        StringBuilder canonical = new StringBuilder("CASE lower(severity)");
        for (Severity s : Severity.values()) {
            if (s != Severity.UNKNOWN) {
                canonical.append(" WHEN ").append(lit(s.canonicalName())).append(" THEN ").append(lit(s.canonicalName()));
            }
        }
        for (Map.Entry<String, Severity> e : policy.severityMap().entrySet()) {
            canonical.append(" WHEN ").append(lit(e.getKey())).append(" THEN ").append(lit(e.getValue().canonicalName()));
        }
        canonical.append(" ELSE 'unknown' END");
        List<String> parts = new ArrayList<>();
        for (FingerprintField f : policy.fingerprint()) {
            String value = value(f.name(), "n");
            if (f.normalize().isPresent()) {
                String replacement = f.normalize().get().replace().replace("\\", "\\\\");
                value = "regexp_replace(" + value + ", " + lit(f.normalize().get().pattern()) + ", " + lit(replacement)
                        + ", 'g')";
            }
            parts.add(lit(f.name() + "=") + " || " + value + " || chr(10)");
        }
        String text = parts.isEmpty() ? "''" : String.join(" || ", parts);
        String table = next("s");
        statements.add("CREATE TEMP TABLE " + table + " AS SELECT n.*, substr(sha256(" + text + "), 1, 16) AS fingerprint,"
                + " CAST(NULL AS VARCHAR) AS suppressed_by FROM (SELECT signal_id, ts, us, service, region, pop, host,"
                + " \"check\", labels, source, status, severity AS raw_severity, " + canonical + " AS severity"
                + " FROM selected) n");
        return table;
    }

    /** Step 3: rules in order; consecutive drop/maintenance rules share one pass. */
    private String suppress(String table) {
        String current = table;
        List<SuppressionRule> pending = new ArrayList<>();
        for (SuppressionRule rule : policy.suppression()) {
            if (rule instanceof SuppressionRule.Inhibit inhibit) {
                current = inhibit(markAll(current, pending), inhibit);
                pending.clear();
            } else {
                pending.add(rule);
            }
        }
        return markAll(current, pending);
    }

    private String markAll(String table, List<SuppressionRule> rules) {
        if (rules.isEmpty()) {
            return table;
        }
        StringBuilder sup = new StringBuilder("CASE WHEN suppressed_by IS NOT NULL THEN suppressed_by");
        for (SuppressionRule rule : rules) {
            sup.append(" WHEN ").append(condition(rule)).append(" THEN ").append(lit(rule.id()));
        }
        sup.append(" END");
        String next = next("s");
        statements.add("CREATE TEMP TABLE " + next + " AS SELECT * REPLACE (" + sup + " AS suppressed_by) FROM " + table + " t");
        return next;
    }

    private String condition(SuppressionRule rule) {
        if (rule instanceof SuppressionRule.Drop d) {
            return matchers(d.match(), "t");
        }
        SuppressionRule.Maintenance m = (SuppressionRule.Maintenance) rule;
        return "(" + matchers(m.match(), "t") + " AND t.us >= " + micros(m.from()) + " AND t.us < " + micros(m.to()) + ")";
    }

    /**
     * Inhibit: for each candidate target, the nearest unsuppressed source at or before and at or
     * after it with equal values (two ASOF joins over narrow rows); then one pass marks them.
     */
    private String inhibit(String table, SuppressionRule.Inhibit rule) {
        String sources = next("src");
        String inhibited = next("inh");
        List<String> eqs = new ArrayList<>();
        for (int i = 0; i < rule.equal().size(); i++) {
            eqs.add(value(rule.equal().get(i), "t") + " AS e" + i);
        }
        eqs.add("t.us");
        String keys = String.join(", ", eqs);
        statements.add("CREATE TEMP TABLE " + sources + " AS SELECT " + keys + " FROM " + table
                + " t WHERE t.suppressed_by IS NULL AND " + matchers(rule.source(), "t"));
        long within = micros(rule.within());
        statements.add("CREATE TEMP TABLE " + inhibited + " AS SELECT c.signal_id FROM (SELECT t.signal_id, " + keys
                + " FROM " + table + " t WHERE t.suppressed_by IS NULL AND " + matchers(rule.target(), "t")
                + " AND NOT " + matchers(rule.source(), "t") + ") c"
                + " ASOF LEFT JOIN " + sources + " b ON " + equalOn(rule, "b") + "c.us >= b.us"
                + " ASOF LEFT JOIN " + sources + " a ON " + equalOn(rule, "a") + "c.us <= a.us"
                + " WHERE c.us - b.us <= " + within + " OR a.us - c.us <= " + within);
        String next = next("s");
        statements.add("CREATE TEMP TABLE " + next + " AS SELECT * REPLACE (CASE WHEN suppressed_by IS NULL AND signal_id"
                + " IN (SELECT signal_id FROM " + inhibited + ") THEN " + lit(rule.id())
                + " ELSE suppressed_by END AS suppressed_by) FROM " + table);
        return next;
    }

    private String equalOn(SuppressionRule.Inhibit rule, String alias) {
        StringBuilder on = new StringBuilder();
        for (int i = 0; i < rule.equal().size(); i++) {
            on.append("c.e").append(i).append(" = ").append(alias).append(".e").append(i).append(" AND ");
        }
        return on.toString();
    }

    /** Step 4: {@code <p>_dd(signal_id, rep, ep_size)} for every unsuppressed signal. */
    private void deduplicate(String suppressed) {
        if (policy.dedupWindow().isEmpty()) {
            statements.add("CREATE TEMP TABLE " + p + "_dd AS SELECT signal_id, signal_id AS rep, 1 AS ep_size FROM "
                    + suppressed + " WHERE suppressed_by IS NULL");
            return;
        }
        long window = micros(policy.dedupWindow().get());
        statements.add("CREATE TEMP TABLE " + p + "_dd AS WITH a AS (SELECT signal_id, fingerprint, us,"
                + " CASE WHEN lag(us) OVER w IS NULL OR us - lag(us) OVER w > " + window + " THEN 1 ELSE 0 END AS st"
                + " FROM " + suppressed + " WHERE suppressed_by IS NULL"
                + " WINDOW w AS (PARTITION BY fingerprint ORDER BY us, signal_id)),"
                + " b AS (SELECT *, sum(st) OVER (PARTITION BY fingerprint ORDER BY us, signal_id"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS epn FROM a),"
                + " e AS (SELECT fingerprint, epn, max(CASE WHEN st = 1 THEN signal_id END) AS rep, count(*) AS ep_size"
                + " FROM b GROUP BY fingerprint, epn)"
                + " SELECT b.signal_id, e.rep, e.ep_size FROM b JOIN e USING (fingerprint, epn)");
    }

    /** Step 5: sessions and max_span pieces of representatives; {@code <p>_repinc} maps rep to incident. */
    private void correlate(String suppressed) {
        List<String> groupBy = policy.correlation().groupBy();
        List<String> g = new ArrayList<>();
        List<String> gValues = new ArrayList<>();
        for (int i = 0; i < groupBy.size(); i++) {
            g.add("g" + i);
            gValues.add(value(groupBy.get(i), "s") + " AS g" + i);
        }
        String partition = g.isEmpty() ? "" : "PARTITION BY " + String.join(", ", g) + " ";
        String session = String.join(", ", concat(g, "sn"));
        long gap = micros(policy.correlation().gap());
        String piece = policy.correlation().maxSpan()
                .map(span -> "(us - min(us) OVER (PARTITION BY " + session + ")) // " + micros(span))
                .orElse("0");
        statements.add("CREATE TEMP TABLE " + p + "_reps AS WITH r AS (SELECT s.signal_id, s.us, "
                + String.join("", gValues.stream().map(v -> v + ", ").toList()) + "d.ep_size FROM " + suppressed
                + " s JOIN " + p + "_dd d ON d.signal_id = s.signal_id AND d.rep = s.signal_id),"
                + " a AS (SELECT *, CASE WHEN lag(us) OVER w IS NULL OR us - lag(us) OVER w > " + gap
                + " THEN 1 ELSE 0 END AS st FROM r WINDOW w AS (" + partition + "ORDER BY us, signal_id)),"
                + " b AS (SELECT *, sum(st) OVER (" + partition + "ORDER BY us, signal_id"
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS sn FROM a)"
                + " SELECT *, " + piece + " AS piece FROM b");
        String pieceKey = String.join(", ", concat(g, "sn", "piece"));
        statements.add("CREATE TEMP TABLE " + p + "_pieces AS SELECT " + pieceKey + ", sum(ep_size) AS piece_size,"
                + " first(signal_id ORDER BY us, signal_id) AS first_id FROM " + p + "_reps GROUP BY " + pieceKey);
        String idText = lit(policy.id() + "\n") + " || " + groupText(g) + " || chr(10) || pc.first_id";
        statements.add("CREATE TEMP TABLE " + p + "_repinc AS SELECT r.signal_id AS rep, "
                + String.join("", g.stream().map(x -> "r." + x + ", ").toList())
                + "pc.first_id, CASE WHEN pc.piece_size >= " + policy.correlation().minSignals()
                + " THEN 'inc-' || substr(sha256(" + idText + "), 1, 16) END AS incident_id FROM " + p + "_reps r JOIN "
                + p + "_pieces pc USING (" + pieceKey + ")");
    }

    /** The per-signal outcome; a duplicate takes its representative's incident and group. */
    private void explain(String suppressed) {
        int groups = policy.correlation().groupBy().size();
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < groups; i++) {
            g.append("i.g").append(i).append(", ");
        }
        statements.add("CREATE TEMP TABLE " + p + "_explained AS SELECT s.signal_id, s.ts, s.us, s.service, s.host,"
                + " s.severity, s.fingerprint, s.suppressed_by,"
                + " CASE WHEN d.rep <> s.signal_id THEN d.rep END AS duplicate_of, i.incident_id, " + g
                + "i.first_id AS first_signal_id,"
                + " CASE WHEN s.suppressed_by IS NOT NULL THEN 'suppressed' WHEN i.incident_id IS NOT NULL THEN 'incident'"
                + " WHEN d.rep <> s.signal_id THEN 'duplicate' ELSE 'uncorrelated' END AS decision"
                + " FROM " + suppressed + " s LEFT JOIN " + p + "_dd d ON d.signal_id = s.signal_id"
                + " LEFT JOIN " + p + "_repinc i ON i.rep = d.rep");
    }

    /** Step 6: one row per incident, over its signals and their duplicates. */
    private void aggregate() {
        List<String> groupBy = policy.correlation().groupBy();
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < groupBy.size(); i++) {
            names.add(lit(groupBy.get(i)));
            values.add("any_value(g" + i + ")");
        }
        StringBuilder aliased = new StringBuilder();
        for (int i = 0; i < groupBy.size(); i++) {
            aliased.append(values.get(i)).append(" AS g").append(i).append(", ");
        }
        StringBuilder rank = new StringBuilder("max(CASE severity");
        StringBuilder name = new StringBuilder("CASE rank");
        for (Severity s : Severity.values()) {
            rank.append(" WHEN ").append(lit(s.canonicalName())).append(" THEN ").append(s.rank());
            name.append(" WHEN ").append(s.rank()).append(" THEN ").append(lit(s.canonicalName()));
        }
        rank.append(" ELSE 0 END)");
        name.append(" END");
        statements.add("CREATE TEMP TABLE " + p + "_incidents AS SELECT incident_id, group_key, first_signal_id,"
                + " opened_at, last_signal_at, " + name + " AS severity, signal_count, distinct_fingerprints,"
                + " services, hosts, " + title(groupBy) + " AS title FROM (SELECT incident_id,"
                + " map([" + String.join(", ", names) + "]::VARCHAR[], [" + String.join(", ", values) + "]::VARCHAR[])"
                + " AS group_key, " + aliased
                + "any_value(first_signal_id) AS first_signal_id, min(ts) AS opened_at, max(ts) AS last_signal_at, "
                + rank + " AS rank, count(*) AS signal_count, count(DISTINCT fingerprint) AS distinct_fingerprints,"
                + " list_sort(list(DISTINCT service) FILTER (WHERE service IS NOT NULL)) AS services,"
                + " list_sort(list(DISTINCT host) FILTER (WHERE host IS NOT NULL)) AS hosts"
                + " FROM " + p + "_explained WHERE incident_id IS NOT NULL GROUP BY incident_id)");
    }

    private String title(List<String> groupBy) {
        List<String> parts = new ArrayList<>();
        java.util.regex.Matcher m = PLACEHOLDER.matcher(policy.titleTemplate());
        int last = 0;
        while (m.find()) {
            parts.add(lit(policy.titleTemplate().substring(last, m.start())));
            String placeholder = m.group(1);
            parts.add(placeholder.equals("count") ? "CAST(signal_count AS VARCHAR)" : "g" + groupBy.indexOf(placeholder));
            last = m.end();
        }
        parts.add(lit(policy.titleTemplate().substring(last)));
        return String.join(" || ", parts);
    }

    /** {@code name=value,name=value} in group_by order, over columns g0, g1, ... */
    private String groupText(List<String> g) {
        if (g.isEmpty()) {
            return "''";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < g.size(); i++) {
            parts.add(lit((i == 0 ? "" : ",") + policy.correlation().groupBy().get(i) + "=") + " || r." + g.get(i));
        }
        return String.join(" || ", parts);
    }

    private static String matchers(List<Matcher> matchers, String alias) {
        if (matchers.isEmpty()) {
            return "true";
        }
        List<String> conditions = new ArrayList<>();
        for (Matcher m : matchers) {
            String value = value(m.name(), alias);
            String positive = m.op().isRegex()
                    ? "regexp_full_match(" + value + ", " + lit(m.value()) + ")"
                    : value + " = " + lit(m.value());
            conditions.add(m.op().isNegated() ? "NOT " + positive : positive);
        }
        return "(" + String.join(" AND ", conditions) + ")";
    }

    /** A name's value, never null: a signal column (severity canonical) or else a label. */
    private static String value(String name, String alias) {
        if (name.equals("severity")) {
            return alias + ".severity";
        }
        String raw = SIGNAL_COLUMNS.contains(name) ? alias + ".\"" + name + "\"" : alias + ".labels[" + lit(name) + "]";
        return "coalesce(" + raw + ", '')";
    }

    private String next(String kind) {
        return p + "_" + kind + (tables++);
    }

    private static List<String> concat(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    static String lit(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }

    private static long micros(java.time.Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
