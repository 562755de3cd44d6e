package io.traceflux.execution;

import io.traceflux.capture.Capture;
import io.traceflux.capture.TimeRange;
import io.traceflux.parity.BaselineTables;
import io.traceflux.policy.Policy;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the lineage of an execution from its config and the opened capture. */
final class Lineages {

    /** From delta-spark's jar manifest; "unknown" when run from classes without one. */
    private static final String DELTA_VERSION = java.util.Objects.requireNonNullElse(
            io.delta.tables.DeltaTable.class.getPackage().getImplementationVersion(), "unknown");

    private Lineages() {
    }

    static ExecutionRecord.Lineage of(ReplayConfig config, Capture capture, BaselineSpec baseline,
            Map<String, Long> baselineVersions, TimeRange window, Instant started, SparkSession spark) {
        Policy p = config.policy();
        return new ExecutionRecord.Lineage(config.executionId(), config.mode().text(), p.id(), p.version(), p.sha256(),
                p.source() == null ? null : p.source().toAbsolutePath().normalize().toString(), p.text(),
                capture.manifest().captureId(), capture.path(),
                capture.format().name().toLowerCase(java.util.Locale.ROOT), capture.pinnedVersion().orElse(null),
                baseline.label(), config.scope().toString(), window.start(),
                window.end(), config.triggeredBy(), config.reason(), started, CodeVersion.get(), spark.version(),
                DELTA_VERSION, spark.sparkContext().master(), baselineVersions.get(BaselineTables.INCIDENTS),
                baselineVersions.get(BaselineTables.MEMBERSHIP));
    }
}
