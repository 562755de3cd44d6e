package io.traceflux.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.traceflux.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureRefTest {

    @ParameterizedTest
    @CsvSource({
        "captures/w1,                     captures/w1,                    ",
        "captures/w1@0,                   captures/w1,                   0",
        "captures/w1@12,                  captures/w1,                  12",
        "captures/w1@007,                 captures/w1,                   7",
        "s3a://bucket/team@edge/w1@3,     s3a://bucket/team@edge/w1,     3",
        "s3a://bucket/team@edge/w1,       s3a://bucket/team@edge/w1,      ",
        "/data/user@host/w1@beta,         /data/user@host/w1@beta,        ",
        "/data/w1@9223372036854775807,    /data/w1,    9223372036854775807",
    })
    void onlyATrailingNumberIsAVersion(String text, String path, Long version) {
        CaptureRef ref = CaptureRef.parse(text);
        assertThat(ref).isEqualTo(new CaptureRef(path, Optional.ofNullable(version)));
        assertThat(ref.toString()).isEqualTo(version == null ? path : path + "@" + version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"captures/w1@", "captures/w1@-1", "captures/w1@9223372036854775808"})
    void aBrokenVersionIsRejected(String text) {
        assertThatThrownBy(() -> CaptureRef.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "@3"})
    void anEmptyPathIsRejected(String text) {
        assertThatThrownBy(() -> CaptureRef.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--capture: the capture path is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"captures/w1@\u0663", "captures/w1@\uFF13"})
    void nonAsciiDigitsAreNotAVersion(String text) {
        assertThat(CaptureRef.parse(text)).isEqualTo(new CaptureRef(text, Optional.empty()));
    }
}
