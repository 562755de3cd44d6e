package io.traceflux.parity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link ComputeParity} found. The report and the components are computed; the
 * signal-level tables are lazy Datasets over the inputs, evaluated when written.
 *
 * @param report           the parity figures
 * @param incidentDiffs    one per component, ordered by smallest baseline id, then NEW ones
 * @param parityReport     {@link ParityTables#PARITY_REPORT}, one row
 * @param incidentDiffsTable {@link ParityTables#INCIDENT_DIFFS}
 * @param fingerprintDiffs {@link ParityTables#FINGERPRINT_DIFFS}
 * @param suppressionDiffs {@link ParityTables#SUPPRESSION_DIFFS}
 * @param correlationDiffs {@link ParityTables#CORRELATION_DIFFS}
 * @param ruleImpact       {@link ParityTables#RULE_IMPACT}
 * @param blastRadius      {@link ParityTables#BLAST_RADIUS}
 * @param baselineMembers  per baseline incident, its selected signals: incident_id,
 *                         first_member_at, last_signal_at, signal_count
 * @param cached           what the tables read from Spark's cache, dropped by {@link #release}
 */
public record ParityResult(
        ParityReport report,
        List<IncidentDiff> incidentDiffs,
        Dataset<Row> parityReport,
        Dataset<Row> incidentDiffsTable,
        Dataset<Row> fingerprintDiffs,
        Dataset<Row> suppressionDiffs,
        Dataset<Row> correlationDiffs,
        Dataset<Row> ruleImpact,
        Dataset<Row> blastRadius,
        Dataset<Row> baselineMembers,
        List<Dataset<Row>> cached) {

    public ParityResult {
        incidentDiffs = List.copyOf(incidentDiffs);
        cached = List.copyOf(cached);
    }

    /**
     * Drops the cached signal comparison and profile that the tables read ({@code cached});
     * call it once the tables are written.
     */
    public void release() {
        cached.forEach(Dataset::unpersist);
    }

    /** Output table name to its rows, in the order SPEC 5 lists the tables. */
    public Map<String, Dataset<Row>> tables() {
        Map<String, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(ParityTables.PARITY_REPORT_TABLE, parityReport);
        tables.put(ParityTables.INCIDENT_DIFFS_TABLE, incidentDiffsTable);
        tables.put(ParityTables.FINGERPRINT_DIFFS_TABLE, fingerprintDiffs);
        tables.put(ParityTables.SUPPRESSION_DIFFS_TABLE, suppressionDiffs);
        tables.put(ParityTables.CORRELATION_DIFFS_TABLE, correlationDiffs);
        tables.put(ParityTables.RULE_IMPACT_TABLE, ruleImpact);
        tables.put(ParityTables.BLAST_RADIUS_TABLE, blastRadius);
        return Collections.unmodifiableMap(tables);
    }
}
