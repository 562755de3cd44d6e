package io.traceflux.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SPEC 3.2 for one policy as DuckDB SQL, written the way DuckDB is used well and independently
 * of the job's Spark code: the yardstick the benchmark compares the replay with.
 *
 * <p>The statements read the temp table {@code selected}: the capture's selected rows sorted by
 * (ts, signal_id), so that its {@code rowid} is a signal's rank in that order, with {@code us}
 * (event time in epoch microseconds) and one never-null text column {@code "a:<name>"} per
 * name the policies read ({@link #names}). Every ordering is then by one integer, {@code o}.
 * They leave, per prefix {@code p}:
 * <ul>
 *   <li>{@code p_out}: one row per selected signal: o, (when written) signal_id, ts, service, host, fp
 *       (the fingerprint as an unsigned 64-bit integer: its 16 hex digits), rank (severity),
 *       sup (index of the suppressing rule), dup_o (the representative's o, for a duplicate),
 *       inc (the incident's first signal's o, for a signal in an incident);</li>
 *   <li>{@code p_inc}: one row per incident: inc, incident_id, first_signal_id and the group
 *       values {@code g0, g1, ...}.</li>
 * </ul>
 *
 * <p>How: fingerprints and group ids are computed once per distinct value tuple and joined
 * in; every rule is a boolean column of one narrow table; an inhibit rule is the union of its
 * sources' coverage intervals {@code [ts - within, ts + within]}, merged per {@code equal} key,
 * which targets meet in one range join; episodes and sessions are {@code lag} gaps and a
 * running maximum of the start rows' rank; a piece of a session is the integer division of
 * its offset from the session's first signal by {@code max_span}.
 */
final class PolicySql {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_./-]*)}");
    /** SPEC 3.1: the names that are signal columns; any other name is a key of labels. */
    static final List<String> SIGNAL_COLUMNS =
            List.of("service", "region", "pop", "host", "check", "severity", "source", "status");

    private final PeerPolicy policy;
    private final String p;
    private final List<String> statements = new ArrayList<>();
    /** The names fingerprint and group_by read, in the order of the columns c0, c1, ... of the keys table. */
    private final List<String> keyNames;

    private PolicySql(PeerPolicy policy, String prefix) {
        this.policy = policy;
        this.p = prefix;
        Set<String> names = new LinkedHashSet<>();
        policy.fingerprint().forEach(f -> names.add(f.name()));
        names.addAll(policy.groupBy());
        this.keyNames = List.copyOf(names);
    }

    /**
     * The statements for one policy; {@code written} when its signals and incidents are written,
     * so that {@code p_out} carries the text columns they need (a baseline's outcome is only
     * counted and paired).
     */
    static PolicySql of(PeerPolicy policy, String prefix, boolean written) {
        PolicySql sql = new PolicySql(policy, prefix);
        sql.keys();
        sql.narrow();
        sql.suppress();
        sql.deduplicate();
        sql.correlate();
        sql.explain(written);
        return sql;
    }

    /** The statements, in order, that build {@code <prefix>_out} and {@code <prefix>_inc}. */
    List<String> statements() {
        return List.copyOf(statements);
    }

    /** Every name, other than severity, whose value the policy reads. */
    static Set<String> names(PeerPolicy policy) {
        Set<String> names = new LinkedHashSet<>();
        policy.fingerprint().forEach(f -> names.add(f.name()));
        names.addAll(policy.groupBy());
        for (PeerPolicy.Rule rule : policy.rules()) {
            if (rule instanceof PeerPolicy.Drop d) {
                d.match().forEach(m -> names.add(m.name()));
            } else if (rule instanceof PeerPolicy.Maintenance m) {
                m.match().forEach(x -> names.add(x.name()));
            } else if (rule instanceof PeerPolicy.Inhibit i) {
                i.source().forEach(m -> names.add(m.name()));
                i.target().forEach(m -> names.add(m.name()));
                names.addAll(i.equal());
            }
        }
        names.remove("severity");
        return names;
    }

    /** A name's value over {@code selected} with the canonical severity {@code sev}; never null. */
    static String value(String name) {
        return name.equals("severity") ? "sev" : quoted("a:" + name);
    }

    /** Step 1's canonical severity of {@code severity}, the raw column. */
    private String canonical() {
        StringBuilder c = new StringBuilder("CASE lower(severity)");
        for (String name : PeerPolicy.CANONICAL) {
            c.append(" WHEN ").append(lit(name)).append(" THEN ").append(lit(name));
        }
        policy.severityMap().forEach((raw, name) -> c.append(" WHEN ").append(lit(raw)).append(" THEN ").append(lit(name)));
        return c.append(" ELSE ").append(lit(PeerPolicy.UNKNOWN)).append(" END").toString();
    }

    private String withSeverity() {
        return "(SELECT rowid AS o, *, " + canonical() + " AS sev FROM selected) x";
    }

    /**
     * Step 2 and the group id, once per distinct tuple of the names they read: {@code p_keys}
     * (c0.. the values, fp, gid) and {@code p_groups} (gid, g0.. the group_by values).
     */
    private void keys() {
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < keyNames.size(); i++) {
            distinct.add(value(keyNames.get(i)) + " AS c" + i);
        }
        List<String> text = new ArrayList<>();
        for (PeerPolicy.Field f : policy.fingerprint()) {
            String v = column(f.name());
            if (f.pattern().isPresent()) {
                // DuckDB's replacement text reads \1 and \\; the policy's is literal.
                v = "regexp_replace(" + v + ", " + lit(f.pattern().get()) + ", " + lit(f.replace().replace("\\", "\\\\"))
                        + ", 'g')";
            }
            text.add(lit(f.name() + "=") + " || " + v + " || chr(10)");
        }
        String sha = "sha256(" + (text.isEmpty() ? "''" : String.join(" || ", text)) + ")";
        List<String> groups = groupColumns("");
        String gid = groups.isEmpty() ? "1" : "dense_rank() OVER (ORDER BY " + String.join(", ", groups) + ")";
        statements.add("CREATE TEMP TABLE " + p + "_keys AS SELECT *, ('0x' || substr(" + sha + ", 1, 16))::UBIGINT AS fp, "
                + gid + " AS gid FROM (SELECT DISTINCT " + (distinct.isEmpty() ? "1 AS none" : String.join(", ", distinct))
                + " FROM " + withSeverity() + ")");
        List<String> named = new ArrayList<>(List.of("gid"));
        for (int i = 0; i < policy.groupBy().size(); i++) {
            named.add(column(policy.groupBy().get(i)) + " AS g" + i);
        }
        statements.add("CREATE TEMP TABLE " + p + "_groups AS SELECT DISTINCT " + String.join(", ", named) + " FROM "
                + p + "_keys");
    }

    /** The keys table's column for a fingerprint or group_by name. */
    private String column(String name) {
        return "c" + keyNames.indexOf(name);
    }

    private List<String> groupColumns(String alias) {
        return policy.groupBy().stream().map(g -> alias + column(g)).toList();
    }

    /**
     * {@code p_m}: one narrow row per selected signal: o, us, rank, fp, gid, and per rule its
     * boolean (r<i> for drop and maintenance; s<i>, t<i> and the equal values k<i>_<j> for an
     * inhibit).
     */
    private void narrow() {
        List<String> cols = new ArrayList<>(List.of("x.o", "x.us", rank("x.sev") + " AS rank", "k.fp", "k.gid"));
        List<PeerPolicy.Rule> rules = policy.rules();
        for (int i = 0; i < rules.size(); i++) {
            PeerPolicy.Rule rule = rules.get(i);
            if (rule instanceof PeerPolicy.Drop d) {
                cols.add(matchers(d.match()) + " AS r" + i);
            } else if (rule instanceof PeerPolicy.Maintenance m) {
                cols.add("(" + matchers(m.match()) + " AND x.us >= " + m.fromUs() + " AND x.us < " + m.toUs() + ") AS r" + i);
            } else if (rule instanceof PeerPolicy.Inhibit h) {
                cols.add(matchers(h.source()) + " AS s" + i);
                cols.add(matchers(h.target()) + " AS t" + i);
                for (int j = 0; j < h.equal().size(); j++) {
                    cols.add("x." + value(h.equal().get(j)) + " AS k" + i + "_" + j);
                }
            }
        }
        List<String> on = new ArrayList<>();
        for (int i = 0; i < keyNames.size(); i++) {
            on.add("k.c" + i + " = x." + value(keyNames.get(i)));
        }
        statements.add("CREATE TEMP TABLE " + p + "_m AS SELECT " + String.join(", ", cols) + " FROM " + withSeverity()
                + (on.isEmpty() ? " CROSS JOIN " + p + "_keys k" : " JOIN " + p + "_keys k ON " + String.join(" AND ", on)));
    }

    /** Step 3: each inhibit rule's merged coverage, then the first rule that holds. */
    private void suppress() {
        List<PeerPolicy.Rule> rules = policy.rules();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof PeerPolicy.Inhibit h) {
                cover(i, h);
            }
        }
        StringBuilder sup = new StringBuilder();
        for (int i = 0; i < rules.size(); i++) {
            sup.append(" WHEN ").append(holds(i)).append(" THEN ").append(i);
        }
        statements.add("CREATE TEMP TABLE " + p + "_s AS SELECT m.o, m.us, m.rank, m.fp, m.gid, "
                + (rules.isEmpty() ? "NULL" : "CASE" + sup + " END") + "::TINYINT AS sup FROM " + p + "_m m"
                + coverJoins(rules.size()));
    }

    /**
     * {@code p_cover<i>}: per equal key, the maximal intervals covered by some source's
     * {@code [us - within, us + within]}; a source counts only if no earlier rule holds for it.
     */
    private void cover(int i, PeerPolicy.Inhibit h) {
        List<String> keys = new ArrayList<>();
        List<String> keyValues = new ArrayList<>();
        for (int j = 0; j < h.equal().size(); j++) {
            keys.add("k" + j);
            keyValues.add("m.k" + i + "_" + j + " AS k" + j);
        }
        if (keys.isEmpty()) {
            // No equal names: one key for all, so targets still meet the intervals in a hash join.
            keys.add("k0");
            keyValues.add("'' AS k0");
        }
        String earlier = i == 0 ? "true" : "NOT (" + String.join(" OR ", earlierHolds(i)) + ")";
        String partition = "PARTITION BY " + String.join(", ", keys) + " ORDER BY lo";
        statements.add("CREATE TEMP TABLE " + p + "_cover" + i + " AS WITH s AS (SELECT " + String.join(", ", keyValues)
                + ", m.us - " + h.withinUs() + " AS lo, m.us + " + h.withinUs() + " AS hi FROM " + p + "_m m" + coverJoins(i)
                + " WHERE m.s" + i + " AND " + earlier + "),"
                + " f AS (SELECT *, max(hi) OVER (" + partition + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
                + " AS reach FROM s),"
                + " i AS (SELECT *, sum(CASE WHEN reach IS NULL OR lo > reach THEN 1 ELSE 0 END) OVER (" + partition
                + " ROWS UNBOUNDED PRECEDING) AS island FROM f)"
                + " SELECT " + String.join(", ", keys) + ", min(lo) AS lo, max(hi) AS hi FROM i GROUP BY "
                + String.join(", ", keys) + ", island");
    }

    private List<String> earlierHolds(int before) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            list.add(holds(i));
        }
        return list;
    }

    /** Whether rule i holds for row m (with the cover joins of the inhibit rules before it). */
    private String holds(int i) {
        if (policy.rules().get(i) instanceof PeerPolicy.Inhibit) {
            return "(c" + i + ".lo IS NOT NULL)";
        }
        return "m.r" + i;
    }

    /** Left joins of the inhibit rules before {@code before} to their covers: targets only. */
    private String coverJoins(int before) {
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < before; i++) {
            if (policy.rules().get(i) instanceof PeerPolicy.Inhibit h) {
                StringBuilder on = new StringBuilder("m.t" + i + " AND NOT m.s" + i);
                if (h.equal().isEmpty()) {
                    on.append(" AND c").append(i).append(".k0 = ''");
                }
                for (int j = 0; j < h.equal().size(); j++) {
                    on.append(" AND c").append(i).append(".k").append(j).append(" = m.k").append(i).append('_').append(j);
                }
                joins.append(" LEFT JOIN ").append(p).append("_cover").append(i).append(" c").append(i).append(" ON ")
                        .append(on).append(" AND m.us BETWEEN c").append(i).append(".lo AND c").append(i).append(".hi");
            }
        }
        return joins.toString();
    }

    /**
     * Step 4: {@code p_d}, every selected signal with its episode's first (rep, by o); the
     * suppressed ones sit in partitions of their own and are not read as episodes.
     */
    private void deduplicate() {
        if (policy.dedupWindowUs().isEmpty()) {
            statements.add("CREATE TEMP TABLE " + p + "_d AS SELECT *, true AS st, o AS rep FROM " + p + "_s");
            return;
        }
        String w = "PARTITION BY sup, fp ORDER BY o";
        statements.add("CREATE TEMP TABLE " + p + "_d AS WITH a AS (SELECT *, coalesce(us - lag(us) OVER (" + w + ") > "
                + policy.dedupWindowUs().get() + ", true) AS st FROM " + p + "_s)"
                + " SELECT *, max(CASE WHEN st THEN o END) OVER (" + w + " ROWS UNBOUNDED PRECEDING) AS rep FROM a");
    }

    /**
     * Step 5 over the representatives: sessions (a gap over {@code gap} starts one), pieces of
     * {@code max_span} from the session's first signal, sizes with duplicates counted; {@code
     * p_repinc} maps a representative to its incident (the piece's first o), {@code p_inc}
     * names the incidents.
     */
    private void correlate() {
        String w = "PARTITION BY gid ORDER BY o";
        String start = "prev IS NULL OR us - prev > " + policy.gapUs();
        String piece = policy.maxSpanUs().map(span -> "(us - session_us) // " + span).orElse("0");
        statements.add("CREATE TEMP TABLE " + p + "_c AS WITH a AS (SELECT o, us, gid, lag(us) OVER (" + w + ") AS prev"
                + " FROM " + p + "_d WHERE sup IS NULL AND st),"
                + " b AS (SELECT *, max(CASE WHEN " + start + " THEN o END) OVER r AS session,"
                + " max(CASE WHEN " + start + " THEN us END) OVER r AS session_us FROM a"
                + " WINDOW r AS (" + w + " ROWS UNBOUNDED PRECEDING))"
                + " SELECT o AS rep, gid, session, " + piece + " AS piece FROM b");
        statements.add("CREATE TEMP TABLE " + p + "_pieces AS SELECT c.session, c.piece, any_value(c.gid) AS gid,"
                + " min(c.rep) AS first_o, sum(n.size) AS size FROM " + p + "_c c JOIN (SELECT rep, count(*) AS size FROM "
                + p + "_d WHERE sup IS NULL GROUP BY rep) n ON n.rep = c.rep GROUP BY c.session, c.piece");
        statements.add("CREATE TEMP TABLE " + p + "_repinc AS SELECT c.rep, pc.first_o AS inc FROM " + p + "_c c JOIN "
                + p + "_pieces pc USING (session, piece) WHERE pc.size >= " + policy.minSignals());
        List<String> g = new ArrayList<>();
        for (int i = 0; i < policy.groupBy().size(); i++) {
            g.add("g.g" + i);
        }
        String idText = lit(policy.id() + "\n") + " || " + groupText() + " || chr(10) || s.signal_id";
        statements.add("CREATE TEMP TABLE " + p + "_inc AS SELECT pc.first_o AS inc, 'inc-' || substr(sha256(" + idText
                + "), 1, 16) AS incident_id, s.signal_id AS first_signal_id" + g.stream().map(x -> ", " + x).reduce("", String::concat)
                + " FROM " + p + "_pieces pc JOIN " + p + "_groups g USING (gid) JOIN selected s ON s.rowid = pc.first_o"
                + " WHERE pc.size >= " + policy.minSignals());
    }

    /** {@code p_out}: the per-signal outcome, with the text columns the writer and the incidents need. */
    private void explain(boolean written) {
        statements.add("CREATE TEMP TABLE " + p + "_out AS SELECT d.o, " + (written ? "s.signal_id, s.ts, s.service, s.host, " : "")
                + "d.fp, d.rank, d.sup, CASE WHEN d.sup IS NULL AND d.rep <> d.o THEN d.rep END AS dup_o, r.inc FROM "
                + p + "_d d" + (written ? " JOIN selected s ON s.rowid = d.o" : "") + " LEFT JOIN " + p + "_repinc r"
                + " ON d.sup IS NULL AND r.rep = d.rep");
    }

    /** The per-signal columns of {@code replay_signals}, over {@code p_out e}, {@code p_inc i} and the representative {@code r}. */
    String signalColumns() {
        StringBuilder sup = new StringBuilder("CASE e.sup");
        List<PeerPolicy.Rule> rules = policy.rules();
        for (int i = 0; i < rules.size(); i++) {
            sup.append(" WHEN ").append(i).append(" THEN ").append(lit(rules.get(i).id()));
        }
        return "e.signal_id, printf('%016x', e.fp) AS fingerprint, " + (rules.isEmpty() ? "NULL" : sup + " END")
                + " AS suppressed_by, r.signal_id AS duplicate_of, i.incident_id, CASE WHEN e.sup IS NOT NULL THEN"
                + " 'suppressed' WHEN e.inc IS NOT NULL THEN 'incident' WHEN e.dup_o IS NOT NULL THEN 'duplicate'"
                + " ELSE 'uncorrelated' END AS decision";
    }

    /** Step 6: one row per incident over its signals and their duplicates. */
    String incidents() {
        StringBuilder name = new StringBuilder("CASE a.rank");
        for (int i = 0; i < PeerPolicy.CANONICAL.size(); i++) {
            name.append(" WHEN ").append(PeerPolicy.CANONICAL.size() - i).append(" THEN ")
                    .append(lit(PeerPolicy.CANONICAL.get(i)));
        }
        name.append(" ELSE ").append(lit(PeerPolicy.UNKNOWN)).append(" END");
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < policy.groupBy().size(); i++) {
            names.add(lit(policy.groupBy().get(i)));
            values.add("i.g" + i);
        }
        return "SELECT i.incident_id, map(" + list(names) + ", " + list(values) + ") AS group_key, i.first_signal_id,"
                + " a.opened_at, a.last_signal_at, " + name + " AS severity, a.signal_count, a.distinct_fingerprints,"
                + " a.services, a.hosts, " + title() + " AS title FROM " + p + "_inc i JOIN (SELECT inc, min(ts) AS opened_at,"
                + " max(ts) AS last_signal_at, max(rank) AS rank, count(*) AS signal_count,"
                + " count(DISTINCT fp) AS distinct_fingerprints,"
                + " list_sort(list(DISTINCT service) FILTER (WHERE service IS NOT NULL)) AS services,"
                + " list_sort(list(DISTINCT host) FILTER (WHERE host IS NOT NULL)) AS hosts"
                + " FROM " + p + "_out WHERE inc IS NOT NULL GROUP BY inc) a USING (inc)";
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]::VARCHAR[]";
    }

    private String title() {
        List<String> parts = new ArrayList<>();
        String template = policy.title();
        java.util.regex.Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            parts.add(lit(template.substring(last, m.start())));
            String placeholder = m.group(1);
            parts.add(placeholder.equals("count") ? "CAST(a.signal_count AS VARCHAR)"
                    : "i.g" + policy.groupBy().indexOf(placeholder));
            last = m.end();
        }
        parts.add(lit(template.substring(last)));
        return String.join(" || ", parts);
    }

    /** {@code name=value,name=value} in group_by order, over {@code g.g0, g.g1, ...}. */
    private String groupText() {
        if (policy.groupBy().isEmpty()) {
            return "''";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < policy.groupBy().size(); i++) {
            parts.add(lit((i == 0 ? "" : ",") + policy.groupBy().get(i) + "=") + " || g.g" + i);
        }
        return String.join(" || ", parts);
    }

    /** Step 1's rank of a canonical name: critical 5 .. info 1, unknown 0. */
    private static String rank(String sev) {
        StringBuilder r = new StringBuilder("CASE " + sev);
        for (int i = 0; i < PeerPolicy.CANONICAL.size(); i++) {
            r.append(" WHEN ").append(lit(PeerPolicy.CANONICAL.get(i))).append(" THEN ").append(PeerPolicy.CANONICAL.size() - i);
        }
        return r.append(" ELSE 0 END::TINYINT").toString();
    }

    /** A conjunction of matchers over {@code x} (SPEC 3.1: regexes fully anchored). */
    private static String matchers(List<PeerPolicy.Matcher> matchers) {
        if (matchers.isEmpty()) {
            return "true";
        }
        List<String> conditions = new ArrayList<>();
        for (PeerPolicy.Matcher m : matchers) {
            String v = "x." + value(m.name());
            String positive = m.regex() ? "regexp_full_match(" + v + ", " + lit(m.value()) + ")" : v + " = " + lit(m.value());
            conditions.add(m.negated() ? "NOT " + positive : positive);
        }
        return "(" + String.join(" AND ", conditions) + ")";
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String lit(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
