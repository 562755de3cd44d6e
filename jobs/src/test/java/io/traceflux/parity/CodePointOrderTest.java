package io.traceflux.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodePointOrderTest {

    @Test
    void ordersByCodePointLikeSparkNotByUtf16Units() {
        String bmpMax = "\uFFFF";
        String emoji = "\uD83D\uDE00"; // U+1F600: after U+FFFF by code point, before it in UTF-16 units
        List<String> ids = new ArrayList<>(List.of(emoji, "b10", bmpMax, "b2", "b1", "b"));
        ids.sort(CodePointOrder.COMPARATOR);
        assertThat(ids).containsExactly("b", "b1", "b10", "b2", bmpMax, emoji);
        assertThat(bmpMax.compareTo(emoji)).isPositive();
    }
}
