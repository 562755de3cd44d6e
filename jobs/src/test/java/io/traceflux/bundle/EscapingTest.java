package io.traceflux.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EscapingTest {

    @Test
    void htmlEscapesMarkupAndBothQuotes() {
        assertThat(Html.text("<img src=x onerror=alert(1)>")).isEqualTo("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(Html.text("a\"b'c&d")).isEqualTo("a&quot;b&#39;c&amp;d");
        assertThat(Html.text(null)).isEmpty();
    }

    @Test
    void markdownEscapesHtmlPunctuationAndLineBreaks() {
        assertThat(Markdown.text("<img src=x onerror=alert(1)>")).isEqualTo("&lt;img src=x onerror=alert\\(1\\)&gt;");
        assertThat(Markdown.text("[click](http://x) | *bold* _it_ `code` #1 ~~s~~ !"))
                .isEqualTo("\\[click\\]\\(http://x\\) \\| \\*bold\\* \\_it\\_ \\`code\\` \\#1 \\~\\~s\\~\\~ \\!");
        assertThat(Markdown.text("a\\b\r\nc & d")).isEqualTo("a\\\\b  c &amp; d");
        assertThat(Markdown.text(null)).isEqualTo("n/a");
    }

    @Test
    void csvQuotesOnlyWhenNeeded() {
        assertThat(CsvText.cell("plain")).isEqualTo("plain");
        assertThat(CsvText.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvText.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvText.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvText.cell(" padded")).isEqualTo("\" padded\"");
    }

    @Test
    void figuresHaveFixedDecimals() {
        assertThat(Formats.ratio(0.25)).isEqualTo("0.2500");
        assertThat(Formats.ratio(2.0 / 3)).isEqualTo("0.6667");
        assertThat(Formats.ratio(null)).isEqualTo("n/a");
        assertThat(Formats.number(3.0)).isEqualTo("3");
        assertThat(Formats.number(0.95)).isEqualTo("0.9500");
        assertThat(Formats.clock(Instant.parse("2026-11-20T10:03:07.125Z"))).isEqualTo("10:03:07.125");
    }
}
