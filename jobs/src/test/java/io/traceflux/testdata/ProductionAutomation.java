package io.traceflux.testdata;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The paging and ticketing rules production's automation ran, and the actions they took for
 * production's incidents ({@code baseline/actions/}, SPEC 2.2). None of the source data sets
 * records an action, so they are derived: each rule is applied to each production incident,
 * taking its signals in order of (ts, signal_id) with the incident's severity the highest so far;
 * a rule fires at the first signal at which its severity is reached (an incident whose recorded
 * severity is above all of its signals' was escalated by hand at a time nobody recorded, so it
 * counts from the incident's first signal). Firings of one rule for one {@code cooldownKey}
 * value, in order of (fired_at, incident's first signal_id), that come less than the cooldown
 * after the last one taken were never sent, so they are not in the table. Deliberately written
 * apart from the product's ReplayActions, so that the baseline is not the replay's own output.
 *
 * @param rules       production's rules, in the order of the policy that writes them down
 * @param cooldownKey the signal columns production's incidents were formed by (one value per incident)
 */
record ProductionAutomation(List<Rule> rules, List<String> cooldownKey) {

    /** Train-Ticket: policies/tt-checkout/v1.yaml {@code actions}, per service. */
    static final String TT_ACCOUNTS = "ts-(contacts|user|auth|verification-code|payment|inside-payment)-service";
    static final ProductionAutomation TRAIN_TICKET = new ProductionAutomation(List.of(
            new Rule("page-accounts-oncall", "critical", matches(TT_ACCOUNTS), "page", "tt-accounts-oncall",
                    Duration.ofMinutes(30)),
            new Rule("page-booking-oncall", "critical", matches(TT_ACCOUNTS).negate(), "page", "tt-booking-oncall",
                    Duration.ofMinutes(30)),
            new Rule("ticket-major", "major", any(), "ticket", "TT-CHECKOUT", Duration.ofHours(1))),
            List.of("service"));

    /** OnlineBoutique: policies/nezha-ob/v1.yaml {@code actions}, per service. */
    static final ProductionAutomation ONLINE_BOUTIQUE = new ProductionAutomation(List.of(
            new Rule("page-oncall", "critical", any(), "page", "online-boutique-oncall", Duration.ofMinutes(30)),
            new Rule("ticket-major", "major", any(), "ticket", "OB-OPS", Duration.ofHours(1))),
            List.of("service"));

    /** LANL: policies/hpc-storm/v1.yaml {@code actions}; the monitor paged per node. */
    static final ProductionAutomation LANL = new ProductionAutomation(List.of(
            new Rule("page-sysadmin", "critical", any(), "page", "hpc-sysadmin-oncall", Duration.ofHours(1)),
            new Rule("ticket-node-down", "major", any(), "ticket", "HPC-OPS", Duration.ofHours(1))),
            List.of("host"));

    /** NAB: policies/nab-threshold/v1.yaml {@code actions}, per host and check (compressed time). */
    static final ProductionAutomation NAB = new ProductionAutomation(List.of(
            new Rule("page-aws-ops", "critical", any(), "page", "aws-ops-oncall", Duration.ofMinutes(1))),
            List.of("host", "check"));

    static final StructType SCHEMA = new StructType()
            .add("incident_id", DataTypes.StringType)
            .add("action_id", DataTypes.StringType)
            .add("kind", DataTypes.StringType)
            .add("target", DataTypes.StringType)
            .add("fired_at", DataTypes.TimestampType);

    /** Canonical severity ranks, as {@link ProductionIncidents#rank} gives them. */
    private static final Map<String, Integer> RANKS = Map.of("critical", 5, "major", 4, "minor", 3, "warning", 2,
            "info", 1);

    /**
     * One rule: it fires when the incident's severity equals {@code severity} and one of the
     * services it has touched passes {@code service}.
     */
    record Rule(String actionId, String severity, Predicate<String> service, String kind, String target,
            Duration cooldown) {
    }

    private static Predicate<String> matches(String regex) {
        Pattern p = Pattern.compile(regex);
        return s -> s != null && p.matcher(s).matches();
    }

    private static Predicate<String> any() {
        return s -> true;
    }

    /**
     * Production's actions for its incidents.
     *
     * @param incidents  incident_id, severity (as production recorded it)
     * @param membership incident_id, signal_id
     * @param signals    one row per signal_id as production saw it: ts, severity (raw) and the
     *                   cooldown key's columns
     * @return incident_id, action_id, kind, target, fired_at ({@link #SCHEMA})
     */
    Dataset<Row> actions(SparkSession spark, Dataset<Row> incidents, Dataset<Row> membership, Dataset<Row> signals) {
        List<String> columns = new ArrayList<>(List.of("incident_id", "signal_id", "ts", "rank", "recorded_rank",
                "service"));
        columns.addAll(cooldownKey);
        List<Row> members = membership
                .join(signals.withColumn("rank", ProductionIncidents.rank(col("severity"))), "signal_id")
                .join(incidents.select(col("incident_id"),
                        ProductionIncidents.rank(col("severity")).as("recorded_rank")), "incident_id")
                .selectExpr(columns.toArray(String[]::new))
                .collectAsList();
        Map<String, List<Row>> byIncident = new LinkedHashMap<>();
        members.stream()
                .sorted(Comparator.comparing((Row r) -> r.getTimestamp(2)).thenComparing(r -> r.getString(1)))
                .forEach(r -> byIncident.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r));
        List<Row> firings = new ArrayList<>();
        for (Rule rule : rules) {
            firings.addAll(cooledDown(rule, byIncident.values().stream()
                    .map(signalsOf -> firing(rule, signalsOf)).filter(f -> f != null).toList()));
        }
        return spark.createDataFrame(firings, SCHEMA);
    }

    /** An incident's firing of {@code rule}, or null; {@code signals} in (ts, signal_id) order. */
    private Firing firing(Rule rule, List<Row> signals) {
        Row first = signals.get(0);
        int recorded = first.getInt(4);
        int highest = signals.stream().mapToInt(r -> r.getInt(3)).max().orElseThrow();
        int severity = recorded > highest ? recorded : 0;
        Set<String> services = new HashSet<>();
        for (Row s : signals) {
            severity = Math.max(severity, s.getInt(3));
            services.add(s.getString(5));
            if (severity == RANKS.get(rule.severity()) && services.stream().anyMatch(rule.service())) {
                return new Firing(s.getString(0), first.getString(1), key(first), s.getTimestamp(2).toInstant());
            }
        }
        return null;
    }

    private String key(Row r) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < cooldownKey.size(); i++) {
            key.append(r.isNullAt(6 + i) ? "" : r.getString(6 + i)).append('\n');
        }
        return key.toString();
    }

    /** The firings a cooldown did not hold, as table rows. */
    private static List<Row> cooledDown(Rule rule, List<Firing> firings) {
        Map<String, Instant> lastTaken = new HashMap<>();
        List<Row> taken = new ArrayList<>();
        for (Firing f : firings.stream().sorted(Comparator.comparing(Firing::at)
                .thenComparing(Firing::firstSignal)).toList()) {
            Instant last = lastTaken.get(f.key());
            if (last != null && Duration.between(last, f.at()).compareTo(rule.cooldown()) < 0) {
                continue;
            }
            lastTaken.put(f.key(), f.at());
            taken.add(RowFactory.create(f.incidentId(), rule.actionId(), rule.kind(), rule.target(),
                    Timestamp.from(f.at())));
        }
        return taken;
    }

    private record Firing(String incidentId, String firstSignal, String key, Instant at) {
    }
}
