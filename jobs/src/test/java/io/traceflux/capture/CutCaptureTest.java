package io.traceflux.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import io.traceflux.parity.BaselineTables;
import io.traceflux.testkit.LakeFixture;
import io.traceflux.testkit.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CutCapture} on a small Delta lake partitioned by date and hour (SPEC 2.4). */
class CutCaptureTest extends SparkTestBase {

    @TempDir
    static Path shared;

    static Path lake;
    static TableRef incidents;
    static TableRef membership;
    static TableRef actions;

    /** The window [10:00, 10:05) cut once with production's tables, into {@code <shared>/w1}. */
    static CutResult w1;
    static Path w1Out;

    @TempDir
    Path dir;

    /** {@link LakeFixture#twoDays()}. */
    static Signals lakeSignals() {
        return LakeFixture.twoDays();
    }

    /** The lake of {@link LakeFixture#twoDays()} and {@link LakeFixture#production}. */
    @BeforeAll
    static void lake() {
        lake = LakeFixture.append(shared.resolve("lake"), lakeSignals().build(spark));
        LakeFixture.Production production = LakeFixture.production(spark, shared);
        incidents = ref(production.incidents());
        membership = ref(production.membership());
        actions = ref(production.actions());
        w1Out = shared.resolve("w1");
        w1 = cut(w1Out).window(at("10:00:00"), at("10:05:00")).execute();
    }

    @Test
    void cutsTheWindowsSignalsAndProductionsRowsForThem() {
        CutResult result = w1;

        Path out = w1Out;
        Dataset<Row> signals = spark.read().format("delta").load(out.resolve("signals").toString());
        assertThat(ids(signals)).containsExactly("b1", "b2");
        assertThat(signals.columns()).containsExactly(
                spark.read().format("delta").load(lake.toString()).columns());
        assertThat(result.signals()).isEqualTo(2);
        assertThat(result.unchanged()).isFalse();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.baseline()).contains(new BaselineCounts(2, 3, Optional.of(2L)));

        CaptureManifest manifest = CaptureManifest.read(spark.sparkContext().hadoopConfiguration(), out.toString());
        assertThat(manifest.captureId()).isEqualTo("w1");
        assertThat(manifest.window()).isEqualTo(new TimeRange(at("10:00:00"), at("10:05:00")));
        assertThat(manifest.scope()).isEqualTo("*");
        assertThat(manifest.source()).isEqualTo("file:" + lake + "@0");
        JsonNode raw = manifest.raw();
        assertThat(raw.get("incident_id").isNull()).isTrue();
        assertThat(raw.at("/lake/version").asLong()).isZero();
        assertThat(raw.at("/lake/format").asText()).isEqualTo("delta");
        assertThat(raw.at("/baseline/incidents/path").asText()).isEqualTo("file:" + incidents.path());
        assertThat(raw.at("/baseline/actions/rows").asLong()).isEqualTo(2);
        assertThat(raw.at("/signals").asLong()).isEqualTo(2);
    }

    @Test
    void theBaselineHoldsProductionsRowsForTheCutSignalsWithTimestampsParsed() {
        Path baseline = w1Out.resolve("baseline");
        assertThat(rows(baseline.resolve("membership"), "incident_id", "signal_id"))
                .containsExactly("[INC-1,b1]", "[INC-1,b2]", "[INC-3,b2]");
        Dataset<Row> cutIncidents = spark.read().format("delta").load(baseline.resolve("incidents").toString());
        assertThat(cutIncidents.schema().apply("opened_at").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(rows(baseline.resolve("incidents"), "incident_id", "cast(opened_at as string)", "severity"))
                .containsExactly("[INC-1,2026-11-20 10:00:00,critical]", "[INC-3,2026-11-20 10:04:59,minor]");
        assertThat(rows(baseline.resolve("actions"), "incident_id", "kind", "target", "cast(fired_at as string)"))
                .containsExactly("[INC-1,page,edge-oncall,2026-11-20 10:01:00]",
                        "[INC-3,notify,#edge,2026-11-20 10:06:00.5]");
        // What the replay reads as production's baseline.
        BaselineTables tables = BaselineTables.read(spark, w1Out.toString());
        assertThat(tables.incidents().count()).isEqualTo(2);
    }

    @Test
    void readsOnlyThePartitionsThatCanHoldTheWindow() {
        CutResult result = w1;

        assertThat(result.lakeFiles()).isEqualTo(4);
        assertThat(result.scan().filesRead()).isEqualTo(1);
        assertThat(result.scan().partitionsRead()).isEqualTo(1);
        assertThat(result.scan().bytesRead()).isPositive().isLessThan(result.lakeBytes() / 2);
        assertThat(String.join(" ", result.scan().partitionFilters())).contains("date").contains("hour");
        assertThat(String.join(" ", result.scan().dataFilters())).contains("ts");
        assertThat(result.layout()).contains("date/hour");
        assertThat(result.scan().listing()).isEqualTo(Lake.KERNEL_LISTING);
        assertThat(CaptureManifest.read(spark.sparkContext().hadoopConfiguration(), w1Out.toString()).raw()
                .at("/scan/listing").asText()).isEqualTo("Delta Kernel");
    }

    @Test
    void aScopeKeepsItsSignalsAndTheBaselineFollows() {
        CutResult result = cut("w1").window(at("10:00:00"), at("10:05:00"))
                .scope(Scope.parse("region=eu-west")).execute();

        assertThat(ids(spark.read().format("delta").load(dir.resolve("w1/signals").toString()))).containsExactly("b1");
        assertThat(result.scope()).isEqualTo("region=eu-west");
        assertThat(result.baseline()).contains(new BaselineCounts(1, 1, Optional.of(1L)));
    }

    @Test
    void reRunningTheSameCutChangesNothing() throws IOException {
        byte[] manifest = Files.readAllBytes(w1Out.resolve("capture.json"));

        CutResult again = cut(w1Out).window(at("10:00:00"), at("10:05:00")).execute();

        assertThat(again.unchanged()).isTrue();
        assertThat(again.signals()).isEqualTo(2);
        assertThat(again.window()).isEqualTo(w1.window());
        assertThat(again.baseline()).contains(new BaselineCounts(2, 3, Optional.of(2L)));
        assertThat(Files.readAllBytes(w1Out.resolve("capture.json"))).isEqualTo(manifest);
        assertThat(listNames(w1Out.resolve("signals/_delta_log")))
                .filteredOn(n -> n.endsWith(".json")).containsExactly("00000000000000000000.json");
        assertThat(listNames(shared)).filteredOn(n -> n.contains(".cut-")).isEmpty();
    }

    @Test
    void aDifferentCutIntoAnExistingCaptureIsRefused() throws IOException {
        byte[] manifest = Files.readAllBytes(w1Out.resolve("capture.json"));

        assertThatThrownBy(() -> cut(w1Out).window(at("10:00:00"), at("10:06:00")).execute())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already holds capture w1, cut with window_end 2026-11-20T10:05:00Z "
                        + "(this run: 2026-11-20T10:06:00Z)")
                .hasMessageContaining("a different cut is refused");
        assertThat(Files.readAllBytes(w1Out.resolve("capture.json"))).isEqualTo(manifest);
        assertThat(listNames(shared)).filteredOn(n -> n.contains(".cut-")).isEmpty();
    }

    @Test
    void aFolderThatIsNotACaptureIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("w1"));
        Files.writeString(dir.resolve("w1/notes.txt"), "mine");

        assertThatThrownBy(() -> cut("w1").window(at("10:00:00"), at("10:05:00")).execute())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exists and is not a capture folder");
    }

    @Test
    void aWindowWithoutSignalsIsAValidEmptyCaptureWithAWarning() {
        CutResult result = cut("quiet").window(at("12:00:00"), at("12:10:00")).execute();

        assertThat(result.signals()).isZero();
        assertThat(result.warnings()).singleElement().asString().contains("the capture is valid but empty");
        assertThat(result.scan().filesRead()).isZero();
        Capture capture = Capture.open(spark, new CaptureRef(dir.resolve("quiet").toString(), Optional.empty()));
        assertThat(capture.signals(spark).count()).isZero();
        assertThat(result.baseline()).contains(new BaselineCounts(0, 0, Optional.of(0L)));
    }

    @Test
    void aroundAnIncidentCutsTheSpanOfItsSignalsWidenedByThePadding() {
        CutResult result = cut("inc-1").around("INC-1").padding(Duration.ofMinutes(1)).execute();

        // INC-1's signals lie from b1 (10:00:00) to b4 (10:30:00); b3 is no member but inside.
        assertThat(result.window()).isEqualTo(new TimeRange(at("09:59:00"), at("10:31:01")));
        assertThat(result.incidentId()).contains("INC-1");
        assertThat(ids(spark.read().format("delta").load(dir.resolve("inc-1/signals").toString())))
                .containsExactly("b1", "b2", "b3", "b4");
        JsonNode raw = CaptureManifest.read(spark.sparkContext().hadoopConfiguration(),
                dir.resolve("inc-1").toString()).raw();
        assertThat(raw.get("incident_id").asText()).isEqualTo("INC-1");
        assertThat(raw.at("/around/member_signals").asLong()).isEqualTo(3);
        assertThat(raw.at("/around/found_in_lake").asLong()).isEqualTo(3);
        assertThat(raw.at("/around/padding").asText()).isEqualTo("1m");
    }

    @Test
    void withoutPaddingTheWindowStillHoldsTheLastSignal() {
        CutResult result = cut("inc-3").around("INC-3").padding(Duration.ZERO).execute();

        // b2 at 10:04:59.999999, c1 at 11:15:00: rounded outwards to whole seconds.
        assertThat(result.window()).isEqualTo(new TimeRange(at("10:04:59"), at("11:15:01")));
        assertThat(ids(spark.read().format("delta").load(dir.resolve("inc-3/signals").toString())))
                .containsExactly("b2", "b3", "b4", "c1");
    }

    @Test
    void aPinnedVersionIsUnchangedByALaterAppend() {
        Path own = LakeFixture.append(dir.resolve("lake"), lakeSignals().build(spark));
        CutCapture.with(spark).from(TableRef.parse("--from", "lake", own + "@0")).window(at("10:00:00"), at("10:05:00"))
                .out(dir.resolve("before").toString()).execute();
        LakeFixture.append(own, Signals.at("2026-11-20T10:02:00Z").add("late", 0).build(spark));

        CutResult pinned = CutCapture.with(spark).from(TableRef.parse("--from", "lake", own + "@0"))
                .window(at("10:00:00"), at("10:05:00")).out(dir.resolve("after").toString()).execute();
        CutResult latest = CutCapture.with(spark).from(TableRef.parse("--from", "lake", own.toString()))
                .window(at("10:00:00"), at("10:05:00")).out(dir.resolve("latest").toString()).execute();

        assertThat(ids(signals("after"))).isEqualTo(ids(signals("before"))).containsExactly("b1", "b2");
        assertThat(pinned.source()).isEqualTo("file:" + own + "@0");
        assertThat(ids(signals("latest"))).containsExactly("b1", "b2", "late");
        assertThat(latest.source()).isEqualTo("file:" + own + "@1");
        assertThat(pinned.baseline()).isEmpty();
        assertThat(dir.resolve("after/baseline")).doesNotExist();
    }

    @Test
    void badRequestsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> CutCapture.with(spark).from(TableRef.parse("--from", "lake", dir + "/nowhere"))
                .window(at("10:00:00"), at("10:05:00")).out(dir.resolve("x").toString()).execute())
                .isInstanceOf(InvalidInputException.class).hasMessage("lake " + dir + "/nowhere: not found");
        assertThatThrownBy(() -> cut("x").window(at("10:05:00"), at("10:05:00")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--window-start 2026-11-20T10:05:00Z must be before --window-end 2026-11-20T10:05:00Z");
        assertThatThrownBy(() -> cut("x").around("INC-404").execute())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--around INC-404: no such incident in --incidents " + incidents);
        assertThatThrownBy(() -> CutCapture.with(spark).from(ref(lake)).around("INC-1")
                .out(dir.resolve("x").toString()).execute())
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("--around INC-1 needs --incidents");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aLakeWithoutASignalColumnIsRefused() {
        Path broken = dir.resolve("broken");
        LakeFixture.append(broken, lakeSignals().build(spark).drop("check"));

        assertThatThrownBy(() -> CutCapture.with(spark).from(ref(broken)).window(at("10:00:00"), at("10:05:00"))
                .out(dir.resolve("x").toString()).execute())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("lake " + broken + ": signals do not have the SPEC 2.1 schema: column 'check' is missing "
                        + "(expected string)");
    }

    @Test
    void aMissingProductionColumnIsRefused() {
        Path noSeverity = LakeFixture.table(spark, dir.resolve("inc"), new StructType()
                .add("incident_id", "string").add("opened_at", "string"), new String[] {"INC-1", "2026-11-20T10:00:00Z"});

        assertThatThrownBy(() -> CutCapture.with(spark).from(ref(lake)).window(at("10:00:00"), at("10:05:00"))
                .production(ref(noSeverity), membership).out(dir.resolve("x").toString()).execute())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--incidents " + noSeverity + ": column severity is missing");
    }

    private CutCapture cut(String name) {
        return cut(dir.resolve(name));
    }

    private static CutCapture cut(Path out) {
        return CutCapture.with(spark).from(ref(lake)).production(incidents, membership).actions(actions)
                .out(out.toString());
    }

    private Dataset<Row> signals(String capture) {
        return spark.read().format("delta").load(dir.resolve(capture).resolve("signals").toString());
    }

    static TableRef ref(Path path) {
        return new TableRef(path.toString(), Optional.empty());
    }

    static Instant at(String time) {
        return Instant.parse("2026-11-20T" + time + "Z");
    }

    static List<String> ids(Dataset<Row> signals) {
        return signals.select("signal_id").orderBy("signal_id").collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toList());
    }

    private static List<String> rows(Path table, String... columns) {
        return spark.read().format("delta").load(table.toString()).selectExpr(columns)
                .collectAsList().stream().map(Row::toString).sorted().collect(Collectors.toList());
    }

    private static List<String> listNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
