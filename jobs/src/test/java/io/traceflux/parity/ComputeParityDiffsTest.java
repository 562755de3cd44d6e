package io.traceflux.parity;

import static io.traceflux.parity.ParityAssertions.assertRows;
import static io.traceflux.parity.ParityAssertions.cols;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import io.traceflux.policy.SuppressionRule;
import io.traceflux.warehouse.Table;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The signal-level tables: diffs, rule impact and blast radius, and the output schemas. */
class ComputeParityDiffsTest extends SparkTestBase {

    private static final String[] SIGNAL_DIFF = cols("execution_id", "signal_id", "before", "after", "rule", "reason");
    private static final String[] IMPACT = cols("rule_id", "kind", "position", "signals_changed", "newly_suppressed",
            "no_longer_suppressed", "baseline_incidents_affected", "replay_incidents_affected", "incidents_affected");
    private static final SuppressionRule DROP_X = new SuppressionRule.Drop("drop-x", List.of());
    private static final SuppressionRule MAINT_Y = new SuppressionRule.Maintenance("maint-y", List.of(),
            Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T11:00:00Z"));

    /** b1 = {s1,s2,s3}; the replay keeps s1,s2 in r1 and suppresses s3; s4 is in no incident. */
    private static ParityFixture changed() {
        ParityFixture fx = new ParityFixture().rule(DROP_X).rule(MAINT_Y);
        fx.signal("s1").in("b1", "r1");
        fx.signal("s2").in("b1", "r1");
        fx.signal("s3").baseline("b1").suppressedBy("drop-x");
        fx.signal("s4");
        return fx;
    }

    @Test
    void changedComponentDiffs() {
        ParityResult result = changed().run(spark);

        assertRows(result.suppressionDiffs(), cols("signal_id", "before", "after", "rule", "change", "reason"),
                "[s3,null,drop-x,drop-x,newly_suppressed,suppressed by drop-x; the baseline kept it in incident b1]");
        assertRows(result.correlationDiffs(), cols("signal_id", "before", "after", "rule", "class", "reason"),
                "[s1,b1,r1,correlation,CHANGED,CHANGED: baseline incident b1 (3 signals) vs replay incident r1 (2 signals)]",
                "[s2,b1,r1,correlation,CHANGED,CHANGED: baseline incident b1 (3 signals) vs replay incident r1 (2 signals)]",
                "[s3,b1,null,drop-x,CHANGED,left baseline incident b1 (CHANGED); replay: suppressed (rule drop-x)]");
        assertThat(result.correlationDiffs().select("component_id").distinct().collectAsList())
                .extracting(r -> r.getString(0)).containsExactly(result.incidentDiffs().get(0).component().id());
        assertThat(result.fingerprintDiffs().count()).isZero();
        assertRows(result.ruleImpact(), IMPACT,
                "[drop-x,drop,0,1,1,0,1,0,1]",
                "[maint-y,maintenance,1,0,0,0,0,0,0]",
                "[correlation,grouping,null,2,0,0,1,1,2]",
                "[fingerprint,fingerprint,null,0,0,0,0,0,0]");
    }

    @Test
    void missingAndNewSignalsNameTheirIncidentOnOneSide() {
        ParityFixture fx = new ParityFixture();
        fx.signal("s1").baseline("b1");
        fx.signal("s2").replay("r1").baselineSuppressedBy("old-rule");
        ParityResult result = fx.run(spark);

        assertRows(result.correlationDiffs(), SIGNAL_DIFF,
                "[exec-1,s1,b1,null,correlation,left baseline incident b1 (MISSING); replay: uncorrelated]",
                "[exec-1,s2,null,r1,old-rule,joined replay incident r1 (NEW); the baseline had it in no incident,"
                        + " suppressed by old-rule]");
    }

    @Test
    void ruleImpactAttributesEachSuppressionChangeToBothRules() {
        ParityFixture fx = new ParityFixture().rule(DROP_X).rule(MAINT_Y);
        fx.signal("s1").baselineSuppressedBy("old-rule");
        fx.signal("s2").baselineSuppressedBy("maint-y").suppressedBy("drop-x");
        fx.signal("s3").baselineFingerprint("other");
        fx.signal("s4").in("b1", "r1");
        fx.signal("s5").in("b1", "r1");
        ParityResult result = fx.run(spark);

        assertRows(result.suppressionDiffs(), cols("signal_id", "before", "after", "rule", "change", "reason"),
                "[s1,old-rule,null,old-rule,no_longer_suppressed,the baseline suppressed it by old-rule; replay: uncorrelated]",
                "[s2,maint-y,drop-x,drop-x,rule_changed,suppressed by drop-x instead of maint-y]");
        assertRows(result.fingerprintDiffs(), SIGNAL_DIFF,
                "[exec-1,s3,other,fp-s3,fingerprint,fingerprint differs from the baseline's; replay: uncorrelated]");
        assertRows(result.ruleImpact(), IMPACT,
                "[drop-x,drop,0,1,0,0,0,0,0]",
                "[maint-y,maintenance,1,1,0,0,0,0,0]",
                "[old-rule,not_in_policy,null,1,0,1,0,0,0]",
                "[correlation,grouping,null,0,0,0,0,0,0]",
                "[fingerprint,fingerprint,null,1,0,0,0,0,0]");
        ParityReport report = result.report();
        assertThat(List.of(report.fingerprintAgreement(), report.suppressionAgreement())).containsExactly(0.8, 0.6);
        assertThat(report.newlySuppressed()).isZero();
        assertThat(result.correlationDiffs().count()).isZero();
    }

    @Test
    void withoutBaselineDecisionsOnlyIncidentMembersCountAsKept() {
        ParityFixture fx = new ParityFixture().withoutBaselineDecisions().gate("max_newly_suppressed", 0);
        fx.signal("s1").in("b1", "r1").baselineFingerprint("production-fp");
        fx.signal("s2").in("b1", "r1");
        fx.signal("s3").baseline("b1").suppressedBy("drop-x");
        fx.signal("s4").suppressedBy("drop-x");
        ParityResult result = fx.run(spark);

        ParityReport report = result.report();
        assertThat(report.fingerprintAgreement()).isNull();
        assertThat(report.suppressionAgreement()).isNull();
        assertThat(report.gates()).containsExactly(new GateResult("max_newly_suppressed", 0, 1, false, null));
        assertThat(report.confidence().reasons()).contains(
                "baseline lacks per-signal fingerprints: fingerprint agreement unknown",
                "baseline lacks per-signal suppression decisions: only signals in a baseline incident count as kept");
        assertRows(result.suppressionDiffs(), cols("signal_id", "before", "after", "change"),
                "[s3,null,drop-x,newly_suppressed]");
        assertThat(result.fingerprintDiffs().count()).isZero();
        Row row = result.parityReport().first();
        assertThat(row.isNullAt(row.fieldIndex("fingerprint_agreement"))).isTrue();
        assertThat(row.isNullAt(row.fieldIndex("suppression_agreement"))).isTrue();
    }

    @Test
    void blastRadiusPerServiceRegionAndPop() {
        ParityFixture fx = new ParityFixture();
        fx.signal("s1").where("api", "eu-west", "fra1").in("b1", "r1");
        fx.signal("s2").where("web", "eu-west", "ams2").baseline("b1").suppressedBy("drop-x");
        fx.signal("s3").where("web", null, "ams2").replay("r2");
        fx.signal("s4").where("api", "eu-west", "fra1");
        ParityResult result = fx.run(spark);

        assertRows(result.blastRadius(), cols("dimension", "value", "signals", "baseline_incidents",
                        "replay_incidents", "changed_signals", "newly_suppressed"),
                "[service,api,2,1,1,1,0]",
                "[service,web,2,1,1,2,1]",
                "[region,eu-west,3,1,1,2,1]",
                "[region,,1,0,1,1,0]",
                "[pop,fra1,2,1,1,1,0]",
                "[pop,ams2,2,1,1,2,1]");
    }

    @Test
    void reportRowCarriesTheDataQualityCountsAndGates() {
        ParityFixture fx = changed().quarantined("invalid_ts", 3).quarantined("null_signal_id", 1).conflicts(2)
                .gate("min_incident_parity", 0.9);
        fx.signal("s5").severity("unknown");
        Row row = fx.run(spark).parityReport().first();

        assertThat(ParityAssertions.render(row)).isEqualTo("[exec-1,1,1,0,1,0,0,0,0,0,0.0,1.0,"
                + "0.5555555555555555,0.7142857142857143,1.0,0.8,0,4,{invalid_ts=3, null_signal_id=1},1,2,low,"
                + "[many quarantined rows: 4 of 9 input rows (44.4%), "
                + "many signals with unknown severity: 1 of 5 selected signals (20.0%), "
                + "baseline conflicts (signals in several baseline incidents): 2 of 5 selected signals (40.0%), "
                + "tiny sample: 5 selected signals (fewer than 100)],"
                + "[[min_incident_parity,0.9,0.0,false,null]],false,region=eu-west,5,3,0,1,0]");
    }

    @Test
    void everyTableHasItsDeclaredSchema() {
        ParityResult result = changed().run(spark);

        assertThat(result.tables().keySet()).containsExactly(Table.PARITY_REPORT, Table.INCIDENT_DIFFS,
                Table.FINGERPRINT_DIFFS, Table.SUPPRESSION_DIFFS, Table.CORRELATION_DIFFS, Table.RULE_IMPACT,
                Table.BLAST_RADIUS);
        result.tables().forEach((table, rows) -> assertThat(rows.schema().catalogString())
                .as(table.tableName()).isEqualTo(table.schema().catalogString()));
    }
}
