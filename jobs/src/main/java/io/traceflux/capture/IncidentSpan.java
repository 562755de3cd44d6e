package io.traceflux.capture;

import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.InvalidInputException;
import io.traceflux.policy.Durations;
import io.traceflux.spark.ScalaSeqs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where a production incident's signals lie in the lake, for {@code --around} (SPEC 2.4).
 * Its member signals (production's membership) are looked up in the lake within
 * {@code search} of the incident's {@code opened_at}, either side, so the lookup reads the
 * partitions around the incident and not the whole lake.
 *
 * @param memberSignals distinct signal ids production lists for the incident
 * @param foundInLake   how many of them the lake holds within the searched range
 */
public record IncidentSpan(String incidentId, Instant openedAt, long memberSignals,
                           long foundInLake, Instant firstSignalAt, Instant lastSignalAt) {

    /** Looks the incident up; exit-2 errors for an unknown incident or one with no signal. */
    static IncidentSpan find(Lake lake, ProductionTables production, String incidentId,
                             Duration search) {
        Instant opened = production.openedAt(incidentId).orElseThrow(() ->
                new InvalidInputException("--around " + incidentId + ": no such incident in "
                        + production.incidentsSubject())).toInstant();
        Dataset<Row> members = production.members(incidentId);
        long memberCount = members.count();
        if (memberCount == 0) {
            throw new InvalidInputException("--around " + incidentId + ": "
                    + production.membershipSubject() + " lists no signal of this incident");
        }
        TimeRange searched = new TimeRange(opened.minus(search), opened.plus(search));
        Row span = lake.window(searched, Scope.all()).rows()
                .select(col("signal_id"), lake.ts().as("_ts"))
                .join(members, ScalaSeqs.of(List.of("signal_id")), "left_semi")
                .agg(min("_ts"), max("_ts"), count_distinct(col("signal_id")))
                .collectAsList().get(0);
        long found = span.getLong(2);
        if (found == 0) {
            throw new InvalidInputException("--around " + incidentId + ": none of its "
                    + memberCount + " member signals is in " + lake.table().subject() + " within "
                    + Durations.format(search) + " of its opened_at " + opened
                    + " (a wider --search looks further)");
        }
        return new IncidentSpan(incidentId, opened, memberCount, found,
                span.getTimestamp(0).toInstant(), span.getTimestamp(1).toInstant());
    }

    /**
     * The span widened by {@code padding} on both sides, rounded outwards to whole seconds: the
     * window is half-open, so its end lies past the last member signal even with no padding.
     */
    TimeRange window(Duration padding) {
        Instant start = firstSignalAt.minus(padding).truncatedTo(ChronoUnit.SECONDS);
        Instant end = lastSignalAt.plus(padding).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return new TimeRange(start, end);
    }

    /** Whether the lake lacks some member signals within the searched range. */
    boolean incomplete() {
        return foundInLake < memberSignals;
    }

    ObjectNode toJson(Duration padding) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("incident_id", incidentId);
        node.put("opened_at", openedAt.toString());
        node.put("padding", Durations.format(padding));
        node.put("member_signals", memberSignals);
        node.put("found_in_lake", foundInLake);
        node.put("first_signal_at", firstSignalAt.toString());
        node.put("last_signal_at", lastSignalAt.toString());
        return node;
    }
}
