package io.traceflux.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.StructField;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * docs/tables.md, the analysts' reference, lists every column of every table in the registry,
 * with its type, in table order, and says what it means: a column added to {@link Table}
 * without its line in the doc fails here. Schemas only, no SparkSession. On a mismatch the
 * message carries the section's rows as they should read (meanings kept where the doc has
 * them), ready to paste.
 */
class TablesDocTest {

    private static final Path DOC = Path.of(System.getProperty("traceflux.repo", "..")).resolve("docs/tables.md");
    /** A table's section starts with {@code ### `name`}. */
    private static final Pattern SECTION = Pattern.compile("### `([a-z_]+)`\\s*");
    /** A column line: {@code | `name` | `type` | meaning |}. */
    private static final Pattern COLUMN = Pattern.compile("\\| `([^`]+)` \\| `([^`]+)` \\|(.*)\\|\\s*");

    /** One documented column. */
    private record DocColumn(String name, String type, String meaning) {
        String nameAndType() {
            return name + " " + type;
        }
    }

    @Test
    void listsEveryColumnOfEveryRegisteredTableWithItsTypeAndMeaning() throws IOException {
        Map<String, List<DocColumn>> sections = sections(Files.readAllLines(DOC));
        SoftAssertions soft = new SoftAssertions();
        for (Table table : Table.values()) {
            List<DocColumn> documented = sections.getOrDefault(table.tableName(), List.of());
            List<String> expected = Arrays.stream(table.schema().fields())
                    .map(f -> f.name() + " " + f.dataType().simpleString())
                    .toList();
            soft.assertThat(documented.stream().map(DocColumn::nameAndType).toList())
                    .as("%s, section ### `%s`: its column lines should read%n%s", DOC, table.tableName(),
                            expectedLines(table, documented))
                    .containsExactlyElementsOf(expected);
            documented.forEach(c -> soft.assertThat(c.meaning())
                    .as("%s, section ### `%s`: the meaning of column %s", DOC, table.tableName(), c.name())
                    .isNotBlank());
        }
        List<String> registered = Arrays.stream(Table.values()).map(Table::tableName).toList();
        soft.assertThat(sections.keySet()).as("%s: sections for tables the registry does not have", DOC)
                .isSubsetOf(registered);
        soft.assertAll();
    }

    @Test
    void readsColumnLinesOfEachSectionOnly() {
        Map<String, List<DocColumn>> sections = sections(List.of(
                "# Title", "| `ignored` | `string` | before any section |",
                "### `a`", "text", "| column | type | meaning |", "|---|---|---|",
                "| `x` | `bigint` | a count \\| with a pipe |", "| `y` | `map<string,string>` | |",
                "## Other", "| `z` | `string` | after the section |",
                "### `b`", "| `w` | `string` | w |"));
        assertThat(sections).containsOnlyKeys("a", "b");
        assertThat(sections.get("a")).containsExactly(new DocColumn("x", "bigint", " a count \\| with a pipe "),
                new DocColumn("y", "map<string,string>", " "));
        assertThat(sections.get("b")).extracting(DocColumn::name).containsExactly("w");
    }

    /** The column lines under each {@code ### `table`} heading, up to the next heading. */
    private static Map<String, List<DocColumn>> sections(List<String> lines) {
        Map<String, List<DocColumn>> sections = new LinkedHashMap<>();
        List<DocColumn> current = null;
        for (String line : lines) {
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                current = new ArrayList<>();
                sections.put(section.group(1), current);
            } else if (line.startsWith("#")) {
                current = null;
            } else if (current != null) {
                Matcher column = COLUMN.matcher(line);
                if (column.matches()) {
                    current.add(new DocColumn(column.group(1), column.group(2), column.group(3)));
                }
            }
        }
        return sections;
    }

    /** The column lines {@code table} needs, with the doc's meanings where it has them. */
    private static String expectedLines(Table table, List<DocColumn> documented) {
        StringBuilder out = new StringBuilder();
        for (StructField f : table.schema().fields()) {
            String meaning = documented.stream().filter(c -> c.name().equals(f.name())).map(DocColumn::meaning)
                    .findFirst().orElse(" ");
            out.append("| `").append(f.name()).append("` | `").append(f.dataType().simpleString()).append("` |")
                    .append(meaning).append("|\n");
        }
        return out.toString();
    }
}
