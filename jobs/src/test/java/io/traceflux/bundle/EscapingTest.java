package io.traceflux.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
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
    void csvTextThatASpreadsheetWouldRunAsAFormulaIsNeutralised() {
        assertThat(CsvText.textCell("=cmd|' /C calc'!A0")).isEqualTo("\"'=cmd|' /C calc'!A0\"");
        assertThat(CsvText.textCell("@SUM(1+1)")).isEqualTo("\"'@SUM(1+1)\"");
        assertThat(CsvText.textCell("+1")).isEqualTo("\"'+1\"");
        assertThat(CsvText.textCell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(CsvText.textCell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(CsvText.textCell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvText.textCell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvText.textCell("a=1")).isEqualTo("a=1");
        assertThat(CsvText.textCell("")).isEmpty();
        assertThat(CsvText.textCell("a,=b")).isEqualTo("\"a,=b\"");
    }

    @Test
    void csvNeutralisesTextColumnsOnlyNeverNumbers() {
        StructType schema = new StructType().add("message", "string").add("delta", "long").add("ratio", "double")
                .add("hosts", "array<string>");
        Row row = new GenericRowWithSchema(new Object[] {"-3", -3L, -0.5,
                scala.collection.JavaConverters.asScalaBuffer(List.of("=1+1")).toList()}, schema);

        assertThat(CsvText.line(row)).isEqualTo("\"'-3\",-3,-0.5,\"[\"\"=1+1\"\"]\"\n");
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
