package io.traceflux.parity;

import static io.traceflux.parity.ParityAssertions.assertRows;
import static io.traceflux.parity.ParityAssertions.cols;
import static org.assertj.core.api.Assertions.assertThat;

import io.traceflux.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ProductionBaselineTest extends SparkTestBase {

    private static final String[] SIGNAL = cols("signal_id", "incident_id", "fingerprint", "suppressed_by");

    private static Dataset<Row> membership(String... incidentSignalPairs) {
        StructType schema = new StructType().add("incident_id", DataTypes.StringType).add("signal_id", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < incidentSignalPairs.length; i += 2) {
            rows.add(RowFactory.create(incidentSignalPairs[i], incidentSignalPairs[i + 1]));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static Dataset<Row> selected(String... ids) {
        StructType schema = new StructType().add("signal_id", DataTypes.StringType);
        return spark.createDataFrame(Arrays.stream(ids).map(id -> RowFactory.create(id)).toList(), schema);
    }

    @Test
    void aSignalInSeveralIncidentsStaysInTheSmallestAndIsOneConflict() {
        Dataset<Row> membership = membership(
                "b2", "s1", "b10", "s1", "b1", "s1",   // s1 in three incidents: kept in b1 ("b1" < "b10" < "b2")
                "b1", "s2", "b1", "s2",                // a repeated row is not a conflict
                "b3", "s3",                            // s3 is not selected: b3 leaves the comparison
                null, "s4", "b4", null);               // rows that name no membership
        ProductionBaseline.Restricted restricted = ProductionBaseline.restrict(membership, selected("s1", "s2", "s4"));

        assertThat(restricted.conflicts()).isEqualTo(1);
        assertThat(List.of(restricted.hasFingerprints(), restricted.hasSuppression())).containsExactly(false, false);
        assertRows(restricted.signals(), SIGNAL, "[s1,b1,null,null]", "[s2,b1,null,null]", "[s4,null,null,null]");
    }

    @Test
    void productionDecisionsOnTheSignalsComeAlong() {
        StructType schema = new StructType().add("signal_id", DataTypes.StringType)
                .add("incident_id", DataTypes.StringType)   // a column the selected signals happen to carry
                .add(ProductionBaseline.BASELINE_FINGERPRINT, DataTypes.StringType)
                .add(ProductionBaseline.BASELINE_SUPPRESSED_BY, DataTypes.StringType);
        Dataset<Row> selected = spark.createDataFrame(List.of(
                RowFactory.create("s1", "r1", "fp1", null), RowFactory.create("s2", null, "fp2", "drop-x")), schema);
        ProductionBaseline.Restricted restricted = ProductionBaseline.restrict(membership("b1", "s1"), selected);

        assertThat(List.of(restricted.hasFingerprints(), restricted.hasSuppression())).containsExactly(true, true);
        assertRows(restricted.signals(), SIGNAL, "[s1,b1,fp1,null]", "[s2,null,fp2,drop-x]");
    }

    @Test
    void restrictedBaselineFeedsTheComparison() {
        // Production lists s1 in b1 and b2; s3 (in b3) is outside the scope. b2 keeps no
        // selected signal and leaves the comparison: no MISSING critical incident.
        ParityFixture fx = new ParityFixture();
        fx.signal("s1").replay("r1");
        fx.signal("s2").replay("r1");
        fx.baselineIncident("b1");
        fx.baselineIncident("b2").severity("critical");
        Dataset<Row> replaySignals = fx.replaySignals(spark);
        ProductionBaseline.Restricted restricted = ProductionBaseline.restrict(
                membership("b1", "s1", "b2", "s1", "b1", "s2", "b3", "s3"), replaySignals.select("signal_id"));
        ParityInputs.Baseline baseline = restricted.withIncidents(fx.baseline(spark).incidents());
        ParityInputs fixture = fx.inputs(spark, replaySignals, baseline);
        ParityInputs inputs = new ParityInputs("exec-1", null, fixture.comparison(), fixture.replayIncidents(),
                baseline, List.of(), Map.of(), Map.of(), fixture.inputRows());

        ParityReport report = ComputeParity.of(inputs).execute().report();
        assertThat(List.of(report.baselineIncidents(), report.count(ComponentClass.EXACT), report.baselineConflicts(),
                report.missingCritical())).containsExactly(1L, 1L, 1L, 0L);
        assertThat(report.confidence().reasons()).contains(
                "baseline conflicts (signals in several baseline incidents): 1 of 2 selected signals (50.0%)");
    }
}
