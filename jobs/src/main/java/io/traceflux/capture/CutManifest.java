package io.traceflux.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code capture.json} of a cut capture: SPEC 2.1's keys ({@code capture_id}, the window,
 * {@code scope}, {@code source} as {@code <lake>@<version>}), the incident it was cut for,
 * and what the cut read: the lake (path, format, pinned version, partitioning, size), the
 * incident's span for {@code --around}, production's tables with their versions and the rows
 * kept, the scan's metrics, and under {@code cut} the request itself, which decides whether a
 * later run is the same cut.
 */
final class CutManifest {

    static final String REQUEST = "cut";

    private static final JsonMapper JSON = new JsonMapper();

    private CutManifest() {
    }

    /** What was cut, with which inputs. */
    record Contents(String captureId, TimeRange window, Scope scope, Lake lake,
                    Optional<IncidentSpan> span, Duration padding,
                    Optional<ProductionTables> production, Optional<BaselineCounts> baseline,
                    long signals, ScanMetrics scan, ObjectNode request, Instant cutAt) {
    }

    static ObjectNode document(Contents c) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("capture_id", c.captureId());
        doc.put("window_start", c.window().start().toString());
        doc.put("window_end", c.window().end().toString());
        doc.put("scope", c.scope().toString());
        doc.put("source", c.lake().table().pinned());
        doc.put("incident_id", c.span().map(IncidentSpan::incidentId).orElse(null));
        doc.put("signals", c.signals());
        doc.set("lake", lake(c.lake()));
        c.span().ifPresent(s -> doc.set("around", s.toJson(c.padding())));
        c.production().ifPresent(p -> doc.set("baseline", baseline(p, c.baseline().orElseThrow())));
        doc.set("scan", scan(c.scan()));
        doc.set(REQUEST, c.request());
        doc.put("cut_at", c.cutAt().toString());
        return doc;
    }

    /** Writes {@code <folder>/capture.json}, pretty-printed with a final line break. */
    static void write(FileSystem fs, Path folder, ObjectNode doc) {
        Path file = new Path(folder, CaptureManifest.FILE_NAME);
        try (OutputStream out = fs.create(file, false)) {
            out.write((JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The result a capture.json describes, with what this run did and noticed. */
    static CutResult result(JsonNode doc, String out, boolean unchanged, ScanMetrics scan,
                            List<String> warnings, double seconds) {
        JsonNode lake = doc.path("lake");
        JsonNode baseline = doc.path("baseline");
        Optional<BaselineCounts> counts = baseline.isObject()
                ? Optional.of(new BaselineCounts(baseline.path(ProductionTables.INCIDENTS).path("rows").asLong(),
                        baseline.path(ProductionTables.MEMBERSHIP).path("rows").asLong(),
                        baseline.has(ProductionTables.ACTIONS)
                                ? Optional.of(baseline.path(ProductionTables.ACTIONS).path("rows").asLong())
                                : Optional.empty()))
                : Optional.empty();
        JsonNode incident = doc.path("incident_id");
        return new CutResult(doc.path("capture_id").asText(), out, unchanged, doc.path("source").asText(),
                lake.path("layout").asText(),
                new TimeRange(Instant.parse(doc.path("window_start").asText()),
                        Instant.parse(doc.path("window_end").asText())),
                doc.path("scope").asText(),
                incident.isTextual() ? Optional.of(incident.asText()) : Optional.empty(),
                doc.path("signals").asLong(), counts, scan, lake.path("files").asLong(),
                lake.path("bytes").asLong(), warnings, seconds);
    }

    private static ObjectNode lake(Lake lake) {
        ObjectNode node = lake.table().toJson();
        ArrayNode partitions = node.putArray("partition_columns");
        lake.partitionColumns().forEach(partitions::add);
        node.put("layout", lake.layout().describe());
        node.put("files", lake.files());
        node.put("bytes", lake.bytes());
        return node;
    }

    private static ObjectNode baseline(ProductionTables production, BaselineCounts counts) {
        ObjectNode node = production.toJson();
        ((ObjectNode) node.get(ProductionTables.INCIDENTS)).put("rows", counts.incidents());
        ((ObjectNode) node.get(ProductionTables.MEMBERSHIP)).put("rows", counts.membership());
        counts.actions().ifPresent(rows -> ((ObjectNode) node.get(ProductionTables.ACTIONS)).put("rows", rows));
        return node;
    }

    private static ObjectNode scan(ScanMetrics scan) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("listing", scan.listing());
        node.put("files_read", scan.filesRead());
        node.put("bytes_read", scan.bytesRead());
        node.put("partitions_read", scan.partitionsRead());
        ArrayNode partitionFilters = node.putArray("partition_filters");
        scan.partitionFilters().forEach(partitionFilters::add);
        ArrayNode dataFilters = node.putArray("data_filters");
        scan.dataFilters().forEach(dataFilters::add);
        return node;
    }
}
