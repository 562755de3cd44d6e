package io.traceflux.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The independent peer: the same replay in DuckDB over the same Parquet, written as DuckDB is
 * used well ({@link PolicySql}) and from SPEC alone (it reads policies with {@link PeerPolicy},
 * not with the job's loader). It quarantines and selects (SPEC 2.1) and runs SPEC 3.2 for the
 * replayed policy; given a baseline policy too, it runs that one as well, links the two
 * policies' incidents by shared signals (the pairs of SPEC 4) and classifies the components
 * that degrees decide (EXACT, CHANGED, MISSING, NEW). It writes the replayed policy's signals
 * and incidents, the pairs and the quarantined rows to Parquet, and prints one line
 * {@code RESULT <json>} with its counts and phase times.
 *
 * <p>Usage: {@code DuckPeer <capture-dir> <out-dir> <threads> <memory-limit|default> <policy.yaml>
 * [<baseline-policy.yaml>]}; {@code default} leaves DuckDB's memory limit as it is (80% of RAM).
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
        Path out = Path.of(args[1]);
        PeerPolicy replayed = PeerPolicy.read(Path.of(args[4]));
        Optional<PeerPolicy> baseline = args.length > 5 ? Optional.of(PeerPolicy.read(Path.of(args[5]))) : Optional.empty();
        Files.createDirectories(out.resolve("tmp"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + Integer.parseInt(args[2]));
            if (!args[3].equals("default")) {
                statement.execute("SET memory_limit = " + PolicySql.lit(args[3]));
            }
            statement.execute("SET temp_directory = " + PolicySql.lit(out.resolve("tmp").toString()));
            statement.execute("SET preserve_insertion_order = false");
            ObjectNode result = new DuckPeer(statement).run(capture, replayed, baseline, out);
            String json = JSON.writeValueAsString(result);
            Files.writeString(out.resolve("result.json"), json);
            System.out.println("RESULT " + json);
        }
    }

    private ObjectNode run(Path capture, PeerPolicy replayed, Optional<PeerPolicy> baseline, Path out)
            throws SQLException, IOException {
        ObjectNode result = JSON.createObjectNode();
        result.put("duckdb_version", text("SELECT version()"));
        result.put("mode", baseline.isPresent() ? "full" : "one");
        Set<String> names = new LinkedHashSet<>(PolicySql.names(replayed));
        baseline.ifPresent(b -> names.addAll(PolicySql.names(b)));
        timed("select", () -> select(capture, names));
        result.set("quarantined", countsBy("SELECT reason, count(*) FROM quarantine GROUP BY 1"));
        result.put("input_rows", single("SELECT count(*) FROM " + files(capture)));
        result.put("selected_rows", single("SELECT count(*) FROM selected"));
        PolicySql r = PolicySql.of(replayed, "r", true);
        timed("replay", () -> runAll(r.statements()));
        result.set("replay", outcomes("r", replayed));
        if (baseline.isPresent()) {
            PolicySql b = PolicySql.of(baseline.get(), "b", false);
            timed("baseline", () -> runAll(b.statements()));
            timed("pairs", this::pairs);
            result.set("baseline", outcomes("b", baseline.get()));
            result.set("parity", shapes());
        }
        timed("write", () -> write(r, baseline.isPresent(), out));
        result.set("phases_s", phases);
        return result;
    }

    private static String files(Path capture) {
        return "read_parquet(" + PolicySql.lit(capture.resolve("signals") + "/*.parquet") + ")";
    }

    /**
     * SPEC 2.1's quarantine reasons in order (no scope and no sub-window, so selected =
     * accepted), and {@code selected} sorted by (ts, signal_id): its rowid is that order.
     */
    private void select(Path capture, Set<String> names) throws SQLException, IOException {
        JsonNode manifest = JSON.readTree(capture.resolve("capture.json").toFile());
        long start = PeerPolicy.instantMicros(manifest.get("window_start").asText());
        long end = PeerPolicy.instantMicros(manifest.get("window_end").asText());
        String files = files(capture);
        Set<String> columns = new LinkedHashSet<>();
        try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM " + files)) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        sql.execute("CREATE TEMP TABLE dup_ids AS SELECT signal_id FROM " + files
                + " WHERE signal_id IS NOT NULL GROUP BY signal_id HAVING count(*) > 1");
        String duplicate = "signal_id IN (SELECT signal_id FROM dup_ids)";
        String outside = "epoch_us(ts) < " + start + " OR epoch_us(ts) >= " + end;
        sql.execute("CREATE TEMP TABLE quarantine AS SELECT signal_id, CASE WHEN signal_id IS NULL THEN 'null_signal_id'"
                + " WHEN " + duplicate + " THEN 'duplicate_signal_id' WHEN ts IS NULL THEN 'invalid_ts'"
                + " ELSE 'outside_capture_window' END AS reason FROM " + files
                + " WHERE signal_id IS NULL OR ts IS NULL OR " + outside + " OR " + duplicate);
        List<String> values = new ArrayList<>();
        for (String name : names) {
            values.add(valueOf(name, columns) + " AS " + PolicySql.quoted("a:" + name));
        }
        // Sorted once, in insertion order, so that every later ordering is by one integer.
        sql.execute("SET preserve_insertion_order = true");
        sql.execute("CREATE TEMP TABLE selected AS SELECT signal_id, ts, epoch_us(ts) AS us, service, host, severity, "
                + String.join(", ", values) + " FROM " + files + " WHERE signal_id IS NOT NULL AND ts IS NOT NULL AND NOT ("
                + outside + ") AND signal_id NOT IN (SELECT signal_id FROM dup_ids) ORDER BY us, signal_id");
        sql.execute("SET preserve_insertion_order = false");
    }

    /** SPEC 3.1: a signal column, else a label; absent is the empty string. */
    private static String valueOf(String name, Set<String> columns) {
        if (PolicySql.SIGNAL_COLUMNS.contains(name)) {
            return columns.contains(name) ? "coalesce(" + PolicySql.quoted(name) + ", '')" : "''";
        }
        return columns.contains("labels") ? "coalesce(labels[" + PolicySql.lit(name) + "], '')" : "''";
    }

    /** Baseline x replay incident pairs sharing signals, with overlap and Jaccard. */
    private void pairs() throws SQLException {
        String sizes = "(SELECT inc, count(*) AS n FROM %s_out WHERE inc IS NOT NULL GROUP BY inc)";
        sql.execute("CREATE TEMP TABLE pairs AS SELECT bi.incident_id AS baseline_incident_id,"
                + " ri.incident_id AS replay_incident_id, p.overlap, p.overlap / (bs.n + rs.n - p.overlap) AS jaccard,"
                + " bs.n AS baseline_size, rs.n AS replay_size"
                + " FROM (SELECT b.inc AS b_inc, r.inc AS r_inc, count(*) AS overlap FROM b_out b JOIN r_out r USING (o)"
                + " WHERE b.inc IS NOT NULL AND r.inc IS NOT NULL GROUP BY ALL) p"
                + " JOIN " + String.format(sizes, "b") + " bs ON bs.inc = p.b_inc"
                + " JOIN " + String.format(sizes, "r") + " rs ON rs.inc = p.r_inc"
                + " JOIN b_inc bi ON bi.inc = p.b_inc JOIN r_inc ri ON ri.inc = p.r_inc");
    }

    /** Component classes that degrees decide: 1x0, 0x1, and 1x1 (EXACT when the sets are equal). */
    private ObjectNode shapes() throws SQLException {
        String oneToOne = "FROM pairs p"
                + " JOIN (SELECT baseline_incident_id FROM pairs GROUP BY 1 HAVING count(*) = 1) USING (baseline_incident_id)"
                + " JOIN (SELECT replay_incident_id FROM pairs GROUP BY 1 HAVING count(*) = 1) USING (replay_incident_id)"
                + " WHERE ";
        String same = "p.overlap = p.baseline_size AND p.overlap = p.replay_size";
        ObjectNode shapes = JSON.createObjectNode();
        shapes.put("exact", single("SELECT count(*) " + oneToOne + same));
        shapes.put("changed", single("SELECT count(*) " + oneToOne + "NOT (" + same + ")"));
        shapes.put("missing", single("SELECT count(*) FROM b_inc WHERE incident_id NOT IN"
                + " (SELECT baseline_incident_id FROM pairs)"));
        shapes.put("new", single("SELECT count(*) FROM r_inc WHERE incident_id NOT IN"
                + " (SELECT replay_incident_id FROM pairs)"));
        return shapes;
    }

    /** Per-policy counts: suppressed per rule, duplicates, incidents and their signals. */
    private ObjectNode outcomes(String p, PeerPolicy policy) throws SQLException {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode byRule = o.putObject("suppressed_by");
        try (ResultSet rs = sql.executeQuery("SELECT sup, count(*) FROM " + p + "_out WHERE sup IS NOT NULL GROUP BY 1")) {
            while (rs.next()) {
                byRule.put(policy.rules().get(rs.getInt(1)).id(), rs.getLong(2));
            }
        }
        try (ResultSet rs = sql.executeQuery("SELECT count(sup), count(dup_o), count(inc),"
                + " count(*) FILTER (WHERE sup IS NULL AND dup_o IS NULL AND inc IS NULL) FROM " + p + "_out")) {
            rs.next();
            o.put("suppressed", rs.getLong(1));
            o.put("duplicates", rs.getLong(2));
            o.put("incident_signals", rs.getLong(3));
            o.put("uncorrelated", rs.getLong(4));
        }
        o.put("incidents", single("SELECT count(*) FROM " + p + "_inc"));
        return o;
    }

    private void write(PolicySql replayed, boolean pairs, Path out) throws SQLException {
        // A duplicate's representative is a row of r_out too: the join builds on the representatives only.
        copy("SELECT " + replayed.signalColumns() + " FROM r_out e LEFT JOIN r_inc i ON i.inc = e.inc"
                + " LEFT JOIN (SELECT o, signal_id FROM r_out WHERE sup IS NULL AND dup_o IS NULL) r ON r.o = e.dup_o",
                out.resolve("replay_signals.parquet"));
        copy(replayed.incidents(), out.resolve("replay_incidents.parquet"));
        if (pairs) {
            copy("SELECT * FROM pairs", out.resolve("pairs.parquet"));
        }
        copy("SELECT * FROM quarantine", out.resolve("quarantine.parquet"));
    }

    private void copy(String query, Path file) throws SQLException {
        execute("COPY (" + query + ") TO " + PolicySql.lit(file.toString()) + " (FORMAT parquet)");
    }

    private void runAll(List<String> statements) throws SQLException {
        for (String s : statements) {
            execute(s);
        }
    }

    /** Runs one statement and logs its time on stderr, for finding the slow one. */
    private void execute(String statement) throws SQLException {
        long started = System.nanoTime();
        try {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\nin: " + statement, e);
        }
        System.err.printf(Locale.ROOT, "%6.2f s  %s%n", (System.nanoTime() - started) / 1e9,
                statement.length() > 100 ? statement.substring(0, 100) + "..." : statement);
    }

    private long single(String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String text(String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
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
}
