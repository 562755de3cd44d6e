package io.traceflux.parity;

import io.traceflux.warehouse.Table;
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
 * @param parityReport     {@link Table#PARITY_REPORT}, one row
 * @param incidentDiffsTable {@link Table#INCIDENT_DIFFS}
 * @param fingerprintDiffs {@link Table#FINGERPRINT_DIFFS}
 * @param suppressionDiffs {@link Table#SUPPRESSION_DIFFS}
 * @param correlationDiffs {@link Table#CORRELATION_DIFFS}
 * @param ruleImpact       {@link Table#RULE_IMPACT}
 * @param blastRadius      {@link Table#BLAST_RADIUS}
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

    /** Output table to its rows, in the order SPEC 5 lists the tables. */
    public Map<Table, Dataset<Row>> tables() {
        Map<Table, Dataset<Row>> tables = new LinkedHashMap<>();
        tables.put(Table.PARITY_REPORT, parityReport);
        tables.put(Table.INCIDENT_DIFFS, incidentDiffsTable);
        tables.put(Table.FINGERPRINT_DIFFS, fingerprintDiffs);
        tables.put(Table.SUPPRESSION_DIFFS, suppressionDiffs);
        tables.put(Table.CORRELATION_DIFFS, correlationDiffs);
        tables.put(Table.RULE_IMPACT, ruleImpact);
        tables.put(Table.BLAST_RADIUS, blastRadius);
        return Collections.unmodifiableMap(tables);
    }
}
