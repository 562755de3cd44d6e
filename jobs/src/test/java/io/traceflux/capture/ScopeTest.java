package io.traceflux.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import io.traceflux.SparkTestBase;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeTest extends SparkTestBase {

    @Test
    void parsesDimensionsAndAlternatives() {
        Scope scope = Scope.parse("region=eu-west,pop=fra1|ams2");

        assertThat(scope.dimensions()).isEqualTo(Map.of(
                "region", new TreeSet<>(List.of("eu-west")),
                "pop", new TreeSet<>(List.of("ams2", "fra1"))));
        assertThat(scope).hasToString("pop=ams2|fra1,region=eu-west");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "region=eu-west,pop=fra1|ams2;  pop=ams2|fra1,region=eu-west",
        "pop=;                          pop=",
        "pop=|fra1;                     pop=|fra1",
        "pop=fra1|fra1;                 pop=fra1",
        "team.name/x-y=a=b;             team.name/x-y=a=b",
        "*;                             *",
    })
    void canonicalTextIsSortedAndReadsBackTheSame(String text, String canonical) {
        Scope scope = Scope.parse(text);
        assertThat(scope).hasToString(canonical);
        assertThat(Scope.parse(canonical)).isEqualTo(scope);
    }

    @Test
    void noScopeIsAllAndRecordedAsAStar() {
        assertThat(Scope.all().isAll()).isTrue();
        assertThat(Scope.all()).hasToString("*");
        assertThat(Scope.parse("*")).isEqualTo(Scope.all());
        assertThat(Scope.parse("pop=fra1").isAll()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "region;                 'region' is not name=value[|value...]",
        "region=eu-west,;        '' is not name=value[|value...]",
        "region=eu-west,,pop=x;  '' is not name=value[|value...]",
        "=eu-west;               '' is not a name ([A-Za-z_][A-Za-z0-9_./-]*)",
        "region=a, pop=b;        ' pop' is not a name ([A-Za-z_][A-Za-z0-9_./-]*)",
        "1region=a;              '1region' is not a name ([A-Za-z_][A-Za-z0-9_./-]*)",
        "pop=a,pop=b;            dimension 'pop' is given twice (list its values with '|' instead)",
    })
    void malformedTextIsRejectedWithTheProblem(String text, String problem) {
        assertThatThrownBy(() -> Scope.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid scope '" + text + "': " + problem);
    }

    @Test
    void emptyTextIsRejected() {
        assertThatThrownBy(() -> Scope.parse(""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid scope '': it is empty; give no scope, or '*', for the whole capture");
    }

    @Test
    void theCanonicalFormIsAValueNotTheTextGiven() {
        assertThat(new Scope(dims("pop", List.of("fra1")))).isEqualTo(Scope.parse("pop=fra1"));
        assertThatThrownBy(() -> Scope.parse("pop=fra1").dimensions().put("x", new TreeSet<>()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theConstructorRefusesWhatTheTextCouldNotSay() {
        assertThatThrownBy(() -> new Scope(dims("pop", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scope(dims("pop", List.of("a,b"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scope(dims("pop", List.of("a|b"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Scope(dims("1pop", List.of("a"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "region=eu-west,pop=fra1;  region=eu-west;             true",
        "region=eu-west,pop=fra1;  region=eu-west|us-east;     true",
        "region=eu-west;           region=eu-west,pop=fra1;    false",
        "region=eu-west|us-east;   region=eu-west;             false",
        "pop=fra1;                 region=eu-west;             false",
        "*;                        *;                          true",
        "pop=fra1;                 *;                          true",
        "*;                        pop=fra1;                   false",
    })
    void isWithinComparesWhatEachScopeAllows(String inner, String outer, boolean within) {
        assertThat(Scope.parse(inner).isWithin(Scope.parse(outer))).isEqualTo(within);
    }

    @Test
    void conditionMatchesColumnsLabelsAndAbsentValues() {
        Dataset<Row> signals = new SignalRows()
                .add("fra", "2026-11-20T10:00:00Z").label("team", "edge")
                .add("ams", "2026-11-20T10:00:00Z").set("pop", "ams2").label("team", "core")
                .add("nopop", "2026-11-20T10:00:00Z").set("pop", null).label("team", "edge")
                .add("nolabels", "2026-11-20T10:00:00Z")
                .add("us", "2026-11-20T10:00:00Z").set("region", "us-east").label("team", "edge")
                .add("upper", "2026-11-20T10:00:00Z").set("pop", "FRA1").label("team", "edge")
                .toDataFrame(spark);

        assertThat(ids(signals, "region=eu-west,pop=fra1|ams2"))
                .containsExactly("ams", "fra", "nolabels");
        assertThat(ids(signals, "pop=|fra1,team=edge")).containsExactly("fra", "nopop", "us");
        assertThat(ids(signals, "team=")).containsExactly("nolabels");
        assertThat(ids(signals, "*")).hasSize(6);
    }

    private static SortedMap<String, SortedSet<String>> dims(String name, List<String> values) {
        TreeMap<String, SortedSet<String>> dims = new TreeMap<>();
        dims.put(name, new TreeSet<>(values));
        return dims;
    }

    private static List<String> ids(Dataset<Row> signals, String scope) {
        return signals.filter(Scope.parse(scope).condition()).select("signal_id")
                .orderBy("signal_id").as(Encoders.STRING()).collectAsList();
    }
}
