package io.traceflux.parity;

import static io.traceflux.parity.ParityAssertions.assertBCubed;
import static io.traceflux.parity.ParityAssertions.assertClasses;
import static io.traceflux.parity.ParityAssertions.assertRows;
import static io.traceflux.parity.ParityAssertions.cols;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** One scenario per component class, with hand-computed figures. */
class ComputeParityClassesTest extends SparkTestBase {

    private static final String[] DIFF = cols("component_id", "class", "baseline_incident_ids",
            "replay_incident_ids", "shared_signals", "baseline_only_signals", "replay_only_signals", "jaccard", "changes");

    @Test
    void exactComponentWithAttributeChangesAndAnInIncidentDuplicate() {
        ParityFixture fx = new ParityFixture();
        fx.signal("s1").in("b1", "r1");
        fx.signal("s2").in("b1", "r1").duplicateOf("s1");
        fx.signal("s3");
        fx.baselineIncident("b1").severity("MAJOR").title("2 alerts");
        fx.replayIncident("r1").severity("critical").title("2 signals in eu-west/fra1");
        ParityResult result = fx.run(spark);

        ParityReport report = result.report();
        assertClasses(report, 1, 0, 0, 0, 0, 0, 0);
        assertThat(report.incidentParity()).isEqualTo(1.0);
        assertBCubed(report, 1, 1, 1);
        assertThat(List.of(report.baselineIncidents(), report.replayIncidents(), report.selectedSignals(),
                report.comparedSignals())).containsExactly(1L, 1L, 3L, 2L);
        assertThat(report.fingerprintAgreement()).isEqualTo(1.0);
        assertThat(report.suppressionAgreement()).isEqualTo(1.0);
        assertRows(result.incidentDiffsTable(), DIFF,
                "[c-e789c7aa66b08557,EXACT,[b1],[r1],2,0,0,1.0,"
                        + "[severity: major -> critical, title: 2 alerts -> 2 signals in eu-west/fra1]]");
        assertThat(result.correlationDiffs().count()).isZero();
    }

    @Test
    void changedComponentComparesTheSignalSetsAndCountsTheNewlySuppressed() {
        ParityFixture fx = new ParityFixture().gate("max_newly_suppressed", 0).gate("min_bcubed_f1", 0.7);
        fx.signal("s1").in("b1", "r1");
        fx.signal("s2").in("b1", "r1");
        fx.signal("s3").baseline("b1").suppressedBy("drop-x");
        fx.signal("s4");
        fx.baselineIncident("b1").severity("critical");
        fx.replayIncident("r1").severity("critical");
        ParityResult result = fx.run(spark);

        ParityReport report = result.report();
        assertClasses(report, 0, 1, 0, 0, 0, 0, 0);
        assertThat(report.incidentParity()).isZero();
        // s1, s2: P = 2/2, R = 2/3.  s3 (replay singleton): P = 1, R = 1/3.
        // P = 1;  R = (2/3 + 2/3 + 1/3)/3 = 5/9;  F1 = 2·(5/9) / (14/9) = 5/7.
        assertBCubed(report, 1.0, 5.0 / 9, 5.0 / 7);
        assertThat(report.suppressionAgreement()).isEqualTo(0.75);
        assertThat(List.of(report.missingCritical(), report.criticalDowngraded(), report.newlySuppressed()))
                .containsExactly(0L, 0L, 1L);
        assertRows(result.incidentDiffsTable(), cols("class", "shared_signals", "baseline_only_signals",
                        "replay_only_signals", "round(jaccard, 12)", "pairs", "changes"),
                "[CHANGED,2,1,0,0.666666666667,[[b1,r1,2,0.6666666666666666]],[signals: 3 -> 2]]");
        assertThat(report.gates()).containsExactly(
                new GateResult("max_newly_suppressed", 0, 1, false, null),
                new GateResult("min_bcubed_f1", 0.7, report.bcubed().f1(), true, null));
        assertThat(report.gatesPassed()).isFalse();
    }

    @Test
    void splitIntoAnExactSizedPiecePlusOneExtraIgnoresSignalsInNoIncident() {
        ParityFixture fx = new ParityFixture();
        for (String s : List.of("s1", "s2", "s3")) {
            fx.signal(s).in("b1", "r1");
        }
        fx.signal("s4").in("b1", "r2");
        fx.signal("s5").replay("r2");
        for (String s : List.of("s6", "s7", "s8")) {
            fx.signal(s);
        }
        fx.baselineIncident("b1").severity("critical");
        ParityResult result = fx.run(spark);

        ParityReport report = result.report();
        assertClasses(report, 0, 0, 1, 0, 0, 0, 0);
        assertThat(List.of(report.baselineIncidents(), report.replayIncidents(), report.comparedSignals()))
                .containsExactly(1L, 2L, 5L);
        // Signals s6..s8 are in no incident and do not count. Over s1..s5:
        // s1..s3: P = 3/3, R = 3/4.  s4: P = 1/2, R = 1/4.  s5: P = 1/2, R = 1/1.
        // P = 4/5;  R = (9/4 + 1/4 + 1)/5 = 7/10;  F1 = 2·(4/5)(7/10) / (3/2) = 56/75.
        assertBCubed(report, 4.0 / 5, 7.0 / 10, 56.0 / 75);
        assertRows(result.incidentDiffsTable(), cols("class", "baseline_incident_ids", "replay_incident_ids",
                        "shared_signals", "baseline_only_signals", "replay_only_signals", "jaccard", "pairs", "changes"),
                "[SPLIT,[b1],[r1, r2],4,0,1,0.8,[[b1,r1,3,0.75], [b1,r2,1,0.2]],"
                        + "[severity: critical -> major, signals: 4 -> 5]]");
        // The critical incident still shows, at a lower severity: downgraded, not missing.
        assertThat(List.of(report.missingCritical(), report.criticalDowngraded())).containsExactly(0L, 1L);
        assertThat(result.correlationDiffs().count()).isEqualTo(5);
    }

    @Test
    void mergedComponent() {
        ParityFixture fx = new ParityFixture();
        fx.signal("s1").in("b1", "r1");
        fx.signal("s2").in("b1", "r1");
        fx.signal("s3").in("b2", "r1");
        ParityResult result = fx.run(spark);

        assertClasses(result.report(), 0, 0, 0, 1, 0, 0, 0);
        // s1, s2: P = 2/3, R = 1.  s3: P = 1/3, R = 1.  P = 5/9, R = 1, F1 = 5/7.
        assertBCubed(result.report(), 5.0 / 9, 1.0, 5.0 / 7);
        assertRows(result.incidentDiffsTable(), cols("class", "baseline_incident_ids", "replay_incident_ids", "pairs"),
                "[MERGED,[b1, b2],[r1],[[b1,r1,2,0.6666666666666666], [b2,r1,1,0.3333333333333333]]]");
    }

    @Test
    void missingAndNewFeedTheirGates() {
        ParityFixture fx = new ParityFixture().gate("max_missing_critical", 0).gate("max_new_incidents", 1)
                .gate("min_incident_parity", 0.5);
        fx.signal("s1").baseline("b1");
        fx.signal("s2").baseline("b1");
        fx.signal("s3").replay("r1");
        fx.signal("s4").replay("r1");
        fx.baselineIncident("b1").severity("Critical");
        ParityResult result = fx.run(spark);

        ParityReport report = result.report();
        assertClasses(report, 0, 0, 0, 0, 1, 1, 0);
        // s1, s2: P = 1, R = 1/2.  s3, s4: P = 1/2, R = 1.  P = R = F1 = 3/4.
        assertBCubed(report, 0.75, 0.75, 0.75);
        assertThat(List.of(report.missingCritical(), report.newIncidents())).containsExactly(1L, 1L);
        assertThat(report.gates()).containsExactly(
                new GateResult("max_missing_critical", 0, 1, false, null),
                new GateResult("max_new_incidents", 1, 1, true, null),
                new GateResult("min_incident_parity", 0.5, 0, false, null));
        assertRows(result.incidentDiffsTable(), cols("class", "baseline_incident_ids", "replay_incident_ids",
                        "shared_signals", "baseline_only_signals", "replay_only_signals", "jaccard", "pairs", "changes"),
                "[MISSING,[b1],[],0,2,0,0.0,[],[]]", "[NEW,[],[r1],0,0,2,0.0,[],[]]");
    }

    @Test
    void aChainIsOneReshapedComponent() {
        ParityFixture fx = new ParityFixture();
        fx.signal("s1").baseline("b1");
        fx.signal("s2").in("b1", "r1");
        fx.signal("s3").in("b2", "r1");
        fx.signal("s4").in("b2", "r2");
        ParityResult result = fx.run(spark);

        assertClasses(result.report(), 0, 0, 0, 0, 0, 0, 1);
        // s1: P = 1, R = 1/2.  s2, s3: P = 1/2, R = 1/2.  s4: P = 1, R = 1/2.
        // P = 3/4;  R = 1/2;  F1 = (3/4) / (5/4) = 3/5.
        assertBCubed(result.report(), 0.75, 0.5, 0.6);
        assertRows(result.incidentDiffsTable(), cols("class", "baseline_incident_ids", "replay_incident_ids",
                        "shared_signals", "baseline_only_signals", "jaccard", "size(pairs)"),
                "[RESHAPED,[b1, b2],[r1, r2],3,1,0.75,3]");
    }

    @Test
    void bothSidesWithoutIncidentsArePerfectParity() {
        ParityFixture fx = new ParityFixture().gate("min_incident_parity", 1.0).gate("min_bcubed_f1", 1.0);
        fx.signal("s1");
        fx.signal("s2").suppressedBy("drop-x").baselineSuppressedBy("drop-x");
        ParityResult result = fx.run(spark);

        ParityReport report = result.report();
        assertClasses(report, 0, 0, 0, 0, 0, 0, 0);
        assertThat(report.incidentParity()).isEqualTo(1.0);
        assertThat(report.bcubed()).isEqualTo(new BCubed(1.0, 1.0, 1.0));
        assertThat(report.gatesPassed()).isTrue();
        assertThat(report.confidence().reasons())
                .contains("baseline has no incident in the comparison: incident_parity is 1.0 by definition");
        assertThat(result.incidentDiffsTable().count()).isZero();
    }

    @Test
    void noSelectedSignalAtAllStillGivesOneReportRowAndFailsEveryGate() {
        ParityResult result = new ParityFixture().gate("min_incident_parity", 0.5).gate("max_new_incidents", 0)
                .run(spark);

        List<Row> rows = result.parityReport().collectAsList();
        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(List.<Object>of(row.getAs("selected_signals"), row.getAs("incident_parity"),
                row.getAs("bcubed_f1"), row.getAs("fingerprint_agreement"), row.getAs("confidence"),
                row.getAs("gates_passed")))
                .containsExactly(0L, 1.0, 1.0, 1.0, "low", false);
        assertThat(result.report().gates()).containsExactly(
                new GateResult("min_incident_parity", 0.5, 1.0, false, GateResult.NOTHING_SELECTED),
                new GateResult("max_new_incidents", 0, 0, false, GateResult.NOTHING_SELECTED));
    }

    @Test
    void noSelectedSignalFailsEvenWithoutGates() {
        assertThat(new ParityFixture().run(spark).report().gatesPassed()).isFalse();
    }

    @Test
    void baselineIncidentWithoutSelectedSignalIsOutOfTheComparison() {
        ParityFixture fx = new ParityFixture().gate("max_missing_critical", 0);
        fx.signal("s1").in("b1", "r1");
        fx.baselineIncident("b9").severity("critical");
        ParityResult result = fx.run(spark);

        ParityReport report = result.report();
        assertThat(List.of(report.baselineIncidents(), report.count(ComponentClass.MISSING), report.missingCritical()))
                .containsExactly(1L, 0L, 0L);
        assertThat(report.incidentParity()).isEqualTo(1.0);
        assertThat(report.gatesPassed()).isTrue();
    }

    @Test
    void componentIdsDoNotDependOnInputOrder() {
        ParityFixture fx = new ParityFixture();
        fx.signal("s1").in("b1", "r1");
        fx.signal("s2").in("b2", "r1");
        fx.signal("s3").in("b3", "r3");
        fx.signal("s4").replay("r4");
        ParityInputs inputs = fx.inputs(spark);
        ParityInputs reordered = fx.inputs(spark,
                fx.replaySignals(spark).orderBy(org.apache.spark.sql.functions.desc("ts")).repartition(3),
                fx.baseline(spark));

        List<IncidentDiff> first = ComputeParity.of(inputs).execute().incidentDiffs();
        assertThat(ComputeParity.of(reordered).execute().incidentDiffs()).isEqualTo(first);
        assertThat(first).extracting(d -> d.component().cls())
                .containsExactly(ComponentClass.MERGED, ComponentClass.EXACT, ComponentClass.NEW);
    }

    @Test
    void anIncidentListedTwiceIsInvalidInput() {
        ParityFixture fx = new ParityFixture();
        fx.signal("s1").in("b1", "r1");
        ParityInputs inputs = fx.inputs(spark);
        ParityInputs.Baseline b = inputs.baseline();
        ParityInputs twice = new ParityInputs(inputs.executionId(), inputs.scope(), inputs.comparison(),
                inputs.replayIncidents(),
                new ParityInputs.Baseline(b.signals(), b.incidents().union(b.incidents()), true, true, 0),
                List.of(), inputs.gates(), inputs.quarantinedByReason(), inputs.inputRows());

        assertThatThrownBy(() -> ComputeParity.of(twice).execute())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("baseline incidents: incident_id 'b1' appears more than once");
    }
}
