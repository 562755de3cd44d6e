package io.traceflux.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @Test
    void parsesTheSpecFormats() {
        assertThat(Timestamps.parse("2026-11-20T10:03:07.125Z")).isEqualTo(Instant.parse("2026-11-20T10:03:07.125Z"));
        assertThat(Timestamps.parse("2026-11-20 10:03:07")).isEqualTo(Instant.parse("2026-11-20T10:03:07Z"));
        assertThat(Timestamps.parse("2026-11-20T10:03:07+05:30")).isEqualTo(Instant.parse("2026-11-20T04:33:07Z"));
        assertThat(Timestamps.parse("2026-11-20T10:03:07-23:59")).isEqualTo(Instant.parse("2026-11-21T10:02:07Z"));
    }

    @Test
    void truncatesBeyondMicroseconds() {
        assertThat(Timestamps.parse("2026-11-20T10:03:07.1234569Z")).isEqualTo(Instant.parse("2026-11-20T10:03:07.123456Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20", "2026-11-20t10:00:00z", "2026-11-20T10:00Z", "2026-11-20T10:00:00.Z",
        "2026-11-20T10:00:00+0530", "２０２６-11-20T10:00:00Z", "2026-11-20T10:00:00 Z"})
    void rejectsOtherShapes(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(PolicySyntaxException.class)
                .hasMessage("invalid timestamp \"" + text
                        + "\": write YYYY-MM-DDTHH:MM:SS[.fraction][Z or ±HH:MM], e.g. 2026-11-20T10:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T10:60:00Z",
        "2026-11-20T10:00:60Z"})
    void rejectsDatesAndTimesThatDoNotExist(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).hasMessage("invalid timestamp \"" + text + "\": no such date or time");
    }

    @Test
    void rejectsOffsetsOutOfRange() {
        assertThatThrownBy(() -> Timestamps.parse("2026-11-20T10:00:00+24:00"))
                .hasMessage("invalid timestamp \"2026-11-20T10:00:00+24:00\": offset must be 00:00 to 23:59");
        assertThatThrownBy(() -> Timestamps.parse("2026-11-20T10:00:00-05:60"))
                .hasMessage("invalid timestamp \"2026-11-20T10:00:00-05:60\": offset must be 00:00 to 23:59");
    }
}
