package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.policy.Policy;
import io.traceflux.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;

/**
 * The independent peer: the same replay in DuckDB over the same Parquet. It quarantines and
 * selects (SPEC 2.1), runs SPEC 3.2 for the replayed policy and for the baseline policy
 * ({@link PolicySql}), links their incidents by shared signals (the pairs of SPEC 4) and
 * classifies the components it can tell from degrees alone (EXACT, CHANGED, MISSING, NEW),
 * then writes the replayed policy's signals, incidents, the pairs and the quarantined rows to
 * Parquet. It prints one line {@code RESULT <json>} with its counts and phase times.
 *
 * <p>Usage: {@code DuckPeer <capture-dir> <policy.yaml> <baseline.yaml> <out-dir> <threads> <memory-limit>}.
 */
public final class DuckPeer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Statement sql;
    private final ObjectNode phases = JSON.createObjectNode();

    private DuckPeer(Statement sql) {
        this.sql = sql;
    }

    public static void main(String[] args) throws Exception {
        Path capture = Path.of(args[0]);
        Policy replayed = PolicyLoader.load(Path.of(args[1]));
        Policy baseline = PolicyLoader.load(Path.of(args[2]));
        Path out = Path.of(args[3]);
        Files.createDirectories(out.resolve("tmp"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + Integer.parseInt(args[4]));
            statement.execute("SET memory_limit = " + PolicySql.lit(args[5]));
            statement.execute("SET temp_directory = " + PolicySql.lit(out.resolve("tmp").toString()));
            statement.execute("SET preserve_insertion_order = false");
            ObjectNode result = new DuckPeer(statement).run(capture, replayed, baseline, out);
            String json = JSON.writeValueAsString(result);
            Files.writeString(out.resolve("result.json"), json);
            System.out.println("RESULT " + json);
        }
    }

    private ObjectNode run(Path capture, Policy replayed, Policy baseline, Path out) throws SQLException, IOException {
        ObjectNode result = JSON.createObjectNode();
        try (ResultSet rs = sql.executeQuery("SELECT version()")) {
            rs.next();
            result.put("duckdb_version", rs.getString(1));
        }
        timed("select", () -> select(capture));
        result.set("quarantined", countsBy("SELECT quarantine_reason, count(*) FROM classified"
                + " WHERE quarantine_reason IS NOT NULL GROUP BY 1"));
        result.put("input_rows", single("SELECT count(*) FROM classified"));
        result.put("selected_rows", single("SELECT count(*) FROM selected"));
        timed("replay", () -> runAll(PolicySql.statements(replayed, "r")));
        timed("baseline", () -> runAll(PolicySql.statements(baseline, "b")));
        timed("pairs", this::pairs);
        result.set("replay", outcomes("r"));
        result.set("baseline", outcomes("b"));
        result.set("parity", shapes());
        timed("write", () -> write(out));
        result.set("phases_s", phases);
        return result;
    }

    /** SPEC 2.1's quarantine reasons in order; no scope and no sub-window, so selected = accepted. */
    private void select(Path capture) throws SQLException, IOException {
        JsonNode manifest = JSON.readTree(capture.resolve("capture.json").toFile());
        long start = micros(Instant.parse(manifest.get("window_start").asText()));
        long end = micros(Instant.parse(manifest.get("window_end").asText()));
        String files = PolicySql.lit(capture.resolve("signals").toString() + "/*.parquet");
        sql.execute("CREATE TEMP TABLE classified AS SELECT *, epoch_us(ts) AS us,"
                + " CASE WHEN signal_id IS NULL THEN 'null_signal_id'"
                + " WHEN count(*) OVER (PARTITION BY signal_id) > 1 THEN 'duplicate_signal_id'"
                + " WHEN ts IS NULL THEN 'invalid_ts'"
                + " WHEN epoch_us(ts) < " + start + " OR epoch_us(ts) >= " + end + " THEN 'outside_capture_window'"
                + " END AS quarantine_reason FROM read_parquet(" + files + ")");
        sql.execute("CREATE VIEW selected AS SELECT * EXCLUDE (quarantine_reason) FROM classified"
                + " WHERE quarantine_reason IS NULL");
    }

    /** Baseline x replay incident pairs sharing signals, with overlap and Jaccard. */
    private void pairs() throws SQLException {
        sql.execute("CREATE TEMP TABLE pairs AS SELECT p.*, p.overlap / (bi.signal_count + ri.signal_count - p.overlap)"
                + " AS jaccard, bi.signal_count AS baseline_size, ri.signal_count AS replay_size FROM"
                + " (SELECT b.incident_id AS baseline_incident_id, r.incident_id AS replay_incident_id, count(*) AS overlap"
                + " FROM b_explained b JOIN r_explained r ON b.signal_id = r.signal_id"
                + " WHERE b.incident_id IS NOT NULL AND r.incident_id IS NOT NULL GROUP BY ALL) p"
                + " JOIN b_incidents bi ON bi.incident_id = p.baseline_incident_id"
                + " JOIN r_incidents ri ON ri.incident_id = p.replay_incident_id");
    }

    /** Component classes that degrees decide: 1x0, 0x1, and 1x1 (EXACT when the sets are equal). */
    private ObjectNode shapes() throws SQLException {
        String oneToOne = "FROM pairs p"
                + " WHERE (SELECT count(*) FROM pairs x WHERE x.baseline_incident_id = p.baseline_incident_id) = 1"
                + " AND (SELECT count(*) FROM pairs x WHERE x.replay_incident_id = p.replay_incident_id) = 1";
        ObjectNode shapes = JSON.createObjectNode();
        shapes.put("exact", single("SELECT count(*) " + oneToOne
                + " AND p.overlap = p.baseline_size AND p.overlap = p.replay_size"));
        shapes.put("changed", single("SELECT count(*) " + oneToOne
                + " AND NOT (p.overlap = p.baseline_size AND p.overlap = p.replay_size)"));
        shapes.put("missing", single("SELECT count(*) FROM b_incidents WHERE incident_id NOT IN"
                + " (SELECT baseline_incident_id FROM pairs)"));
        shapes.put("new", single("SELECT count(*) FROM r_incidents WHERE incident_id NOT IN"
                + " (SELECT replay_incident_id FROM pairs)"));
        return shapes;
    }

    /** Per-policy counts: suppressed per rule, duplicates, incidents and their signals. */
    private ObjectNode outcomes(String p) throws SQLException {
        ObjectNode o = JSON.createObjectNode();
        o.set("suppressed_by", countsBy("SELECT suppressed_by, count(*) FROM " + p + "_explained"
                + " WHERE suppressed_by IS NOT NULL GROUP BY 1"));
        o.put("suppressed", single("SELECT count(*) FROM " + p + "_explained WHERE suppressed_by IS NOT NULL"));
        o.put("duplicates", single("SELECT count(*) FROM " + p + "_explained WHERE duplicate_of IS NOT NULL"));
        o.put("incidents", single("SELECT count(*) FROM " + p + "_incidents"));
        o.put("incident_signals", single("SELECT count(*) FROM " + p + "_explained WHERE decision = 'incident'"));
        o.put("uncorrelated", single("SELECT count(*) FROM " + p + "_explained WHERE decision = 'uncorrelated'"));
        return o;
    }

    private void write(Path out) throws SQLException {
        copy("SELECT signal_id, ts, service, host, severity, fingerprint, suppressed_by, duplicate_of, incident_id,"
                + " decision FROM r_explained", out.resolve("replay_signals.parquet"));
        copy("SELECT * FROM r_incidents", out.resolve("replay_incidents.parquet"));
        copy("SELECT * FROM pairs", out.resolve("pairs.parquet"));
        copy("SELECT signal_id, quarantine_reason AS reason FROM classified WHERE quarantine_reason IS NOT NULL",
                out.resolve("quarantine.parquet"));
    }

    private void copy(String query, Path file) throws SQLException {
        sql.execute("COPY (" + query + ") TO " + PolicySql.lit(file.toString()) + " (FORMAT parquet)");
    }

    private void runAll(Iterable<String> statements) throws SQLException {
        for (String s : statements) {
            long started = System.nanoTime();
            try {
                sql.execute(s);
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + "\nin: " + s, e);
            }
            // On stderr, for finding the slow statement: "6.2 s  CREATE TEMP TABLE r_dd AS ..."
            System.err.printf(Locale.ROOT, "%6.2f s  %s%n", (System.nanoTime() - started) / 1e9,
                    s.length() > 100 ? s.substring(0, 100) + "..." : s);
        }
    }

    private long single(String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private ObjectNode countsBy(String query) throws SQLException {
        ObjectNode counts = JSON.createObjectNode();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private interface Step {
        void run() throws SQLException, IOException;
    }

    private void timed(String name, Step step) throws SQLException, IOException {
        long started = System.nanoTime();
        step.run();
        phases.put(name, Math.round((System.nanoTime() - started) / 1e7) / 100.0);
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
