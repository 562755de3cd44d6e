package io.traceflux.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.traceflux.InvalidInputException;
import io.traceflux.policy.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Cuts one window of a telemetry lake into a capture folder (SPEC 2.4): {@code signals/} (a
 * Delta table of the lake's rows in the window and scope, every column as stored),
 * {@code baseline/} (production's membership rows for those signals, the incidents they name
 * and those incidents' actions) and {@code capture.json}.
 *
 * <pre>{@code
 * CutResult cut = CutCapture.with(spark)
 *         .from(TableRef.parse("--from", "lake", "/data/lake@42"))
 *         .around("INC-4711")                       // or .window(start, end)
 *         .production(incidents, membership).actions(actions)
 *         .out("/data/captures/inc-4711")
 *         .execute();
 * }</pre>
 *
 * <p>The lake's Delta version is pinned when it is opened and recorded. Only what can hold the
 * window is read: a partition filter from the lake's layout ({@link LakeLayout}) and a filter on
 * {@code ts} that data skipping uses. Everything is written beside the target and renamed into
 * place at the end ({@link AtomicFolder}). Re-running the same request is a no-op; a different
 * request into an existing capture folder is refused. Options are checked when set and
 * together in {@link #execute()}, before anything is read.
 */
public final class CutCapture {

    public static final Duration DEFAULT_PADDING = Duration.ofMinutes(2);
    public static final Duration DEFAULT_SEARCH = Duration.ofHours(6);

    private static final Pattern CAPTURE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Supplier<SparkSession> session;
    private SparkSession spark;
    private TableRef from;
    private TimeRange window;
    private String around;
    private Duration padding = DEFAULT_PADDING;
    private Duration search = DEFAULT_SEARCH;
    private Scope scope = Scope.all();
    private TableRef incidents;
    private TableRef membership;
    private TableRef actions;
    private String captureId;
    private String out;
    private Consumer<String> progress = step -> { };
    private Clock clock = Clock.systemUTC();

    private CutCapture(Supplier<SparkSession> session) {
        this.session = session;
    }

    public static CutCapture with(SparkSession spark) {
        Objects.requireNonNull(spark, "spark");
        return new CutCapture(() -> spark);
    }

    /**
     * A cut whose session is obtained (once) when {@link #execute()} needs it, so that a command
     * line reports a bad option before it starts Spark.
     */
    public static CutCapture with(Supplier<SparkSession> session) {
        return new CutCapture(Objects.requireNonNull(session, "session"));
    }

    /** The lake, optionally pinned to a Delta version ({@code LAKE@N}). */
    public CutCapture from(TableRef lake) {
        this.from = Objects.requireNonNull(lake, "lake");
        return this;
    }

    /** Cut {@code [start, end)}; start must be before end. */
    public CutCapture window(Instant start, Instant end) {
        TimeRange range = new TimeRange(micros(start), micros(end));
        if (!range.start().isBefore(range.end())) {
            throw new InvalidInputException("--window-start " + range.start()
                    + " must be before --window-end " + range.end());
        }
        this.window = range;
        return this;
    }

    /** Cut the span of this production incident's signals, widened by {@link #padding}. */
    public CutCapture around(String incidentId) {
        if (incidentId == null || incidentId.isBlank()) {
            throw new InvalidInputException("--around: the incident id is empty");
        }
        this.around = incidentId;
        return this;
    }

    /** How far the window reaches beyond the incident's first and last signal (default 2m). */
    public CutCapture padding(Duration padding) {
        if (padding.isNegative()) {
            throw new InvalidInputException("--padding must not be negative: " + padding);
        }
        this.padding = padding;
        return this;
    }

    /** How far from opened_at the incident's signals are looked for (default 6h). */
    public CutCapture search(Duration search) {
        if (search.isNegative() || search.isZero()) {
            throw new InvalidInputException("--search must be positive: " + search);
        }
        this.search = search;
        return this;
    }

    public CutCapture scope(Scope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
        return this;
    }

    /** Production's incidents and membership tables; their rows for the cut become baseline/. */
    public CutCapture production(TableRef incidents, TableRef membership) {
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.membership = Objects.requireNonNull(membership, "membership");
        return this;
    }

    /** Production's actions table (needs {@link #production}). */
    public CutCapture actions(TableRef actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
        return this;
    }

    /** The capture id; default: the name of the output folder. */
    public CutCapture captureId(String id) {
        this.captureId = checkedId(id, "--capture-id '" + id + "'");
        return this;
    }

    /** The capture folder to create (local path or Hadoop URI). */
    public CutCapture out(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("--out: the capture folder path is empty");
        }
        this.out = path;
        return this;
    }

    /** Receives one line per step, as it starts. */
    public CutCapture progress(Consumer<String> progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /** The clock of capture.json's {@code cut_at} (tests pin it). */
    public CutCapture clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Cuts the capture, or finds it already cut.
     *
     * @throws InvalidInputException for missing or conflicting options, an unknown lake or
     *                               table, a missing column, an unknown incident, or a
     *                               different cut already in {@code out}
     */
    public CutResult execute() {
        validate();
        if (spark == null) {
            spark = session.get();
        }
        long started = System.nanoTime();
        Path target = new Path(out);
        FileSystem fs = fileSystem(target);
        target = fs.makeQualified(target);
        String id = captureId != null ? captureId
                : checkedId(target.getName(), "--out " + out + ": the folder name '" + target.getName() + "'");
        ObjectNode request = request(id);
        Optional<CutResult> done = existing(fs, target, request, started);
        if (done.isPresent()) {
            return done.get();
        }
        progress.accept("opening " + from);
        Lake lake = Lake.open(spark, from);
        Optional<ProductionTables> production = incidents == null ? Optional.empty()
                : Optional.of(ProductionTables.open(spark, incidents, membership, Optional.ofNullable(actions)));
        List<String> warnings = new ArrayList<>();
        Optional<IncidentSpan> span = Optional.empty();
        TimeRange cut = window;
        if (around != null) {
            progress.accept("finding the signals of incident " + around + " in " + lake.table().pinned());
            IncidentSpan found = IncidentSpan.find(lake, production.orElseThrow(), around, search);
            if (found.incomplete()) {
                warnings.add("the lake holds " + found.foundInLake() + " of the " + found.memberSignals()
                        + " signals production lists for " + around + " within " + Durations.format(search)
                        + " of its opened_at; the window spans those (a wider --search looks further)");
            }
            span = Optional.of(found);
            cut = found.window(padding);
        }
        AtomicFolder folder = AtomicFolder.beside(fs, target);
        try {
            CutManifest.Contents written = write(folder.temp(), fs, id, cut, lake, span, production, request,
                    warnings);
            if (!folder.publish()) {
                folder.discard();
                return existing(fs, target, request, started).orElseThrow();
            }
            return CutManifest.result(CutManifest.document(written), target.toString(), false, written.scan(),
                    warnings, seconds(started));
        } catch (RuntimeException e) {
            folder.discard();
            throw e;
        }
    }

    /** Writes signals, baseline and capture.json into {@code dir}; returns what it wrote. */
    private CutManifest.Contents write(Path dir, FileSystem fs, String id, TimeRange cut, Lake lake,
                           Optional<IncidentSpan> span, Optional<ProductionTables> production,
                           ObjectNode request, List<String> warnings) {
        progress.accept("cutting " + cut + " (scope " + scope + ") from " + lake.table().pinned()
                + ": " + lake.layout().describe());
        ObservedScan scan = new ObservedScan(spark, lake.window(cut, scope));
        String signalsPath = new Path(dir, Capture.SIGNALS).toString();
        long rows = DeltaWrites.create(scan.rows(), signalsPath);
        ScanMetrics metrics = scan.metrics();
        if (rows == 0) {
            warnings.add("no signal of " + lake.table().pinned() + " lies in " + cut + " (scope " + scope
                    + "): the capture is valid but empty");
        }
        Optional<BaselineCounts> baseline = production.map(p -> {
            progress.accept("keeping production's incidents, membership"
                    + (actions == null ? "" : " and actions") + " of the " + rows + " cut signals");
            return p.writeFor(spark.read().format("delta").load(signalsPath).select("signal_id"),
                    new Path(dir, Capture.BASELINE));
        });
        CutManifest.Contents contents = new CutManifest.Contents(id, cut, scope, lake, span, padding,
                production, baseline, rows, metrics, request, clock.instant());
        CutManifest.write(fs, dir, CutManifest.document(contents));
        return contents;
    }

    /**
     * The result for a target that already holds this request's cut; empty when the target is
     * absent or an empty folder; refused when it holds anything else.
     */
    private Optional<CutResult> existing(FileSystem fs, Path target, ObjectNode request, long started) {
        try {
            if (!fs.exists(target) || AtomicFolder.isEmptyFolder(fs, target)) {
                return Optional.empty();
            }
            if (!fs.exists(new Path(target, CaptureManifest.FILE_NAME))) {
                throw new InvalidInputException("--out " + out + ": exists and is not a capture folder (no "
                        + CaptureManifest.FILE_NAME + "); choose another --out");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot inspect " + target, e);
        }
        CaptureManifest manifest = CaptureManifest.read(fs.getConf(), target.toString());
        JsonNode earlier = manifest.raw().get(CutManifest.REQUEST);
        if (!request.equals(earlier)) {
            throw new InvalidInputException("--out " + out + ": already holds capture " + manifest.captureId()
                    + (earlier == null ? ", which traceflux capture did not cut" : ", cut with " + difference(earlier, request))
                    + "; a different cut is refused (choose another --out, or remove that folder first)");
        }
        return Optional.of(CutManifest.result(manifest.raw(), target.toString(), true, ScanMetrics.none(),
                List.of(), seconds(started)));
    }

    /** The first option whose value differs, as {@code name X (this run: Y)}. */
    private static String difference(JsonNode earlier, ObjectNode request) {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode before = earlier.path(name);
            JsonNode now = request.get(name);
            if (!before.equals(now)) {
                return name + " " + text(before) + " (this run: " + text(now) + ")";
            }
        }
        return "other options";
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "none" : node.asText();
    }

    /**
     * What decides whether two runs are the same cut: the options as given, with paths made
     * absolute. A lake without {@code @N} stays "latest": re-running that command is a no-op
     * even when the lake has moved on since, which is what a retried job needs.
     */
    private ObjectNode request(String id) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("capture_id", id);
        node.put("from", qualified(from.path()));
        if (from.version().isPresent()) {
            node.put("version", from.version().get());
        } else {
            node.putNull("version");
        }
        node.put("window_start", window == null ? null : window.start().toString());
        node.put("window_end", window == null ? null : window.end().toString());
        node.put("around", around);
        node.put("padding", around == null ? null : Durations.format(padding));
        node.put("search", around == null ? null : Durations.format(search));
        node.put("scope", scope.toString());
        node.put("incidents", qualified(incidents));
        node.put("membership", qualified(membership));
        node.put("actions", qualified(actions));
        return node;
    }

    private void validate() {
        if (from == null) {
            throw new InvalidInputException("--from LAKE is required");
        }
        if (out == null) {
            throw new InvalidInputException("--out PATH is required");
        }
        if ((window == null) == (around == null)) {
            throw new InvalidInputException(window == null
                    ? "give the window: --window-start TS --window-end TS, or --around INCIDENT_ID"
                    : "--around and --window-start/--window-end exclude each other: give one of them");
        }
        if (around != null && incidents == null) {
            throw new InvalidInputException("--around " + around
                    + " needs --incidents and --membership: production's tables name the incident's signals");
        }
        if (actions != null && incidents == null) {
            throw new InvalidInputException("--actions needs --incidents and --membership");
        }
    }

    private String qualified(TableRef ref) {
        if (ref == null) {
            return null;
        }
        String path = qualified(ref.path());
        return ref.version().map(v -> path + "@" + v).orElse(path);
    }

    private String qualified(String path) {
        Path p = new Path(path);
        return fileSystem(p).makeQualified(p).toString();
    }

    private FileSystem fileSystem(Path path) {
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the file system of " + path, e);
        }
    }

    private static String checkedId(String id, String what) {
        if (id == null || !CAPTURE_ID.matcher(id).matches()) {
            throw new InvalidInputException(what + " is not a valid capture id (1-128 characters of "
                    + "A-Z a-z 0-9 . _ -, starting with a letter or digit); give --capture-id");
        }
        return id;
    }

    private static Instant micros(Instant instant) {
        return Objects.requireNonNull(instant, "window bound").truncatedTo(ChronoUnit.MICROS);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
