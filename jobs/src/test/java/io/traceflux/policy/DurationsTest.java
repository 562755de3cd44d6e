package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void parsesAWholeNumberAndOneUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1m30s", "1.5s", "-5m", "+5m", "5", "5M", "1d", " 5m", "5 m", "", "m", "٥m"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(PolicySyntaxException.class)
                .hasMessage("invalid duration \"" + text
                        + "\": write a whole number and one unit (ms, s, m or h), e.g. 500ms, 90s, 2m, 1h");
    }

    @Test
    void rejectsDurationsTooLargeForNanoseconds() {
        assertThatThrownBy(() -> Durations.parse("99999999999999999999h")).hasMessage("duration \"99999999999999999999h\" is too large");
        assertThatThrownBy(() -> Durations.parse("3000000h")).hasMessage("duration \"3000000h\" is too large");
        assertThat(Durations.parse("2000000h")).isEqualTo(Duration.ofHours(2_000_000));
    }

    @Test
    void formatsToTheShortestText() {
        assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(7200))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMillis(60_000))).isEqualTo("1m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThatThrownBy(() -> Durations.format(Duration.ofNanos(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
