package io.traceflux.parity;

import io.traceflux.policy.SuppressionRule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the four parity inputs from a few lines per signal: where each signal sits on the
 * replay side and on the baseline side. Incidents are derived from their signals (opened_at is
 * the first member's ts, services the members' services) unless a test overrides them.
 */
final class ParityFixture {

    static final String EXECUTION = "exec-1";
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    static final StructType REPLAY_SIGNALS = new StructType()
            .add("signal_id", DataTypes.StringType).add("ts", DataTypes.TimestampType)
            .add("service", DataTypes.StringType).add("region", DataTypes.StringType)
            .add("pop", DataTypes.StringType).add("host", DataTypes.StringType)
            .add("check", DataTypes.StringType).add("severity", DataTypes.StringType)
            .add("fingerprint", DataTypes.StringType).add("suppressed_by", DataTypes.StringType)
            .add("duplicate_of", DataTypes.StringType).add("incident_id", DataTypes.StringType)
            .add("decision", DataTypes.StringType).add("reason", DataTypes.StringType);

    static final StructType REPLAY_INCIDENTS = new StructType()
            .add("incident_id", DataTypes.StringType)
            .add("group_key", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("first_signal_id", DataTypes.StringType).add("opened_at", DataTypes.TimestampType)
            .add("last_signal_at", DataTypes.TimestampType).add("severity", DataTypes.StringType)
            .add("signal_count", DataTypes.LongType).add("distinct_fingerprints", DataTypes.LongType)
            .add("services", DataTypes.createArrayType(DataTypes.StringType))
            .add("hosts", DataTypes.createArrayType(DataTypes.StringType))
            .add("title", DataTypes.StringType);

    static final StructType BASELINE_SIGNALS = new StructType()
            .add("signal_id", DataTypes.StringType).add("incident_id", DataTypes.StringType)
            .add("fingerprint", DataTypes.StringType).add("suppressed_by", DataTypes.StringType);

    private final List<Sig> signals = new ArrayList<>();
    private final Map<String, Inc> replayIncidents = new LinkedHashMap<>();
    private final Map<String, Inc> baselineIncidents = new LinkedHashMap<>();
    private final List<SuppressionRule> rules = new ArrayList<>();
    private final Map<String, Double> gates = new LinkedHashMap<>();
    private final Map<String, Long> quarantined = new LinkedHashMap<>();
    private boolean baselineFingerprints = true;
    private boolean baselineSuppression = true;
    private boolean baselineServices = true;
    private long conflicts;

    /** A new selected signal, one second after the previous one. */
    Sig signal(String id) {
        Sig s = new Sig(id, T0.plusSeconds(signals.size()));
        signals.add(s);
        return s;
    }

    /** Overrides (or creates, even without members) a baseline incident's attributes. */
    Inc baselineIncident(String id) {
        return baselineIncidents.computeIfAbsent(id, k -> new Inc());
    }

    Inc replayIncident(String id) {
        return replayIncidents.computeIfAbsent(id, k -> new Inc());
    }

    ParityFixture rule(SuppressionRule rule) {
        rules.add(rule);
        return this;
    }

    ParityFixture gate(String name, double threshold) {
        gates.put(name, threshold);
        return this;
    }

    ParityFixture quarantined(String reason, long rows) {
        quarantined.put(reason, rows);
        return this;
    }

    /** A production baseline without per-signal fingerprints and suppression decisions. */
    ParityFixture withoutBaselineDecisions() {
        baselineFingerprints = false;
        baselineSuppression = false;
        return this;
    }

    ParityFixture withoutBaselineServices() {
        baselineServices = false;
        return this;
    }

    ParityFixture conflicts(long count) {
        conflicts = count;
        return this;
    }

    ParityInputs inputs(SparkSession spark) {
        return inputs(spark, replaySignals(spark), baseline(spark));
    }

    /** The inputs over these replay signals and this baseline (the fixture's, or others). */
    ParityInputs inputs(SparkSession spark, Dataset<Row> replaySignals, ParityInputs.Baseline baseline) {
        return new ParityInputs(EXECUTION, "region=eu-west", Comparison.of(replaySignals, baseline, r -> r),
                spark.createDataFrame(replayIncidentRows(), REPLAY_INCIDENTS), baseline, rules, gates, quarantined,
                signals.size() + quarantined.values().stream().mapToLong(Long::longValue).sum());
    }

    /** The replay's rows as replay_signals has them (reason included). */
    Dataset<Row> replaySignals(SparkSession spark) {
        registerIncidents();
        return spark.createDataFrame(signals.stream().map(Sig::replayRow).toList(), REPLAY_SIGNALS);
    }

    ParityInputs.Baseline baseline(SparkSession spark) {
        registerIncidents();
        return new ParityInputs.Baseline(
                spark.createDataFrame(signals.stream().map(this::baselineRow).toList(), BASELINE_SIGNALS),
                baselineIncidentsFrame(spark), baselineFingerprints, baselineSuppression, conflicts);
    }

    /** Every incident a signal names exists on its side, with derived attributes unless set. */
    private void registerIncidents() {
        signals.forEach(s -> {
            if (s.replayIncident != null) {
                replayIncident(s.replayIncident);
            }
            if (s.baselineIncident != null) {
                baselineIncident(s.baselineIncident);
            }
        });
    }

    ParityResult run(SparkSession spark) {
        return ComputeParity.of(inputs(spark)).execute();
    }

    private Row baselineRow(Sig s) {
        return RowFactory.create(s.id, s.baselineIncident,
                baselineFingerprints ? s.baselineFingerprint : null,
                baselineSuppression ? s.baselineSuppressedBy : null);
    }

    private List<Row> replayIncidentRows() {
        List<Row> rows = new ArrayList<>();
        replayIncidents.forEach((id, inc) -> {
            List<Sig> members = signals.stream().filter(s -> id.equals(s.replayIncident)).toList();
            rows.add(RowFactory.create(id, Map.of(), members.get(0).id, ts(inc.openedAt(members)),
                    ts(members.get(members.size() - 1).ts), inc.severity, (long) members.size(), 1L,
                    inc.services(members), List.of("h1"), inc.title));
        });
        return rows;
    }

    private Dataset<Row> baselineIncidentsFrame(SparkSession spark) {
        StructType schema = new StructType()
                .add("incident_id", DataTypes.StringType).add("opened_at", DataTypes.TimestampType)
                .add("severity", DataTypes.StringType).add("title", DataTypes.StringType);
        if (baselineServices) {
            schema = schema.add("services", DataTypes.createArrayType(DataTypes.StringType));
        }
        List<Row> rows = new ArrayList<>();
        baselineIncidents.forEach((id, inc) -> {
            List<Sig> members = signals.stream().filter(s -> id.equals(s.baselineIncident)).toList();
            Timestamp opened = ts(inc.openedAt(members));
            rows.add(baselineServices
                    ? RowFactory.create(id, opened, inc.severity, inc.title, inc.services(members))
                    : RowFactory.create(id, opened, inc.severity, inc.title));
        });
        return spark.createDataFrame(rows, schema);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** One selected signal and what each side decided for it. */
    static final class Sig {
        final String id;
        Instant ts;
        String service = "api";
        String region = "eu-west";
        String pop = "fra1";
        String severity = "major";
        String fingerprint;
        String baselineFingerprint;
        String replayIncident;
        String baselineIncident;
        String replaySuppressedBy;
        String baselineSuppressedBy;
        String duplicateOf;

        Sig(String id, Instant ts) {
            this.id = id;
            this.ts = ts;
            this.fingerprint = "fp-" + id;
            this.baselineFingerprint = fingerprint;
        }

        Sig replay(String incident) {
            replayIncident = incident;
            return this;
        }

        Sig baseline(String incident) {
            baselineIncident = incident;
            return this;
        }

        Sig in(String baseline, String replay) {
            return baseline(baseline).replay(replay);
        }

        Sig suppressedBy(String rule) {
            replaySuppressedBy = rule;
            return this;
        }

        Sig baselineSuppressedBy(String rule) {
            baselineSuppressedBy = rule;
            return this;
        }

        Sig duplicateOf(String representative) {
            duplicateOf = representative;
            return this;
        }

        Sig baselineFingerprint(String value) {
            baselineFingerprint = value;
            return this;
        }

        Sig where(String service, String region, String pop) {
            this.service = service;
            this.region = region;
            this.pop = pop;
            return this;
        }

        Sig severity(String value) {
            severity = value;
            return this;
        }

        Sig at(Instant value) {
            ts = value;
            return this;
        }

        String decision() {
            if (replaySuppressedBy != null) {
                return "suppressed";
            }
            if (replayIncident != null) {
                return "incident";
            }
            return duplicateOf != null ? "duplicate" : "uncorrelated";
        }

        String reason() {
            if (replaySuppressedBy != null) {
                return "rule " + replaySuppressedBy;
            }
            return replayIncident != null ? "grouping region,pop" : null;
        }

        Row replayRow() {
            return RowFactory.create(id, Timestamp.from(ts), service, region, pop, "h1", "http", severity,
                    fingerprint, replaySuppressedBy, duplicateOf, replayIncident, decision(), reason());
        }
    }

    /** Attributes of an incident; null ones are derived from its members. */
    static final class Inc {
        String severity = "major";
        String title = "an incident";
        Instant openedAt;
        List<String> services;

        Inc severity(String value) {
            severity = value;
            return this;
        }

        Inc title(String value) {
            title = value;
            return this;
        }

        Inc openedAt(Instant value) {
            openedAt = value;
            return this;
        }

        Inc services(String... values) {
            services = List.of(values);
            return this;
        }

        Instant openedAt(List<Sig> members) {
            return openedAt != null ? openedAt
                    : members.stream().map(s -> s.ts).min(Instant::compareTo).orElse(T0);
        }

        List<String> services(List<Sig> members) {
            if (services != null) {
                return services;
            }
            TreeSet<String> all = new TreeSet<>();
            members.stream().map(s -> s.service).filter(Objects::nonNull).forEach(all::add);
            return new ArrayList<>(all);
        }
    }
}
