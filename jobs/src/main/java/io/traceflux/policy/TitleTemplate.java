package io.traceflux.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The incident title template of {@code aggregation.title} (SPEC 3.2 step 6): literal text with
 * {@code {name}} placeholders, where a name is {@code count} or a group_by name. There is no
 * escape for braces: a lone {@code {} or {@code }} is an error.
 */
public final class TitleTemplate {

    /** A piece of the template: literal {@code text}, or the name of a placeholder. */
    public record Part(String text, boolean placeholder) {
    }

    private TitleTemplate() {
    }

    /** Splits {@code template} into parts; throws {@link PolicySyntaxException} on a stray brace. */
    public static List<Part> parse(String template) {
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        while (pos < template.length()) {
            int open = template.indexOf('{', pos);
            int literalEnd = open < 0 ? template.length() : open;
            int strayClose = template.indexOf('}', pos);
            if (strayClose >= 0 && strayClose < literalEnd) {
                throw new PolicySyntaxException("'}' without a '{' at character " + (strayClose + 1));
            }
            if (literalEnd > pos) {
                parts.add(new Part(template.substring(pos, literalEnd), false));
            }
            if (open < 0) {
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0 || template.substring(open + 1, close).contains("{")) {
                throw new PolicySyntaxException("'{' at character " + (open + 1) + " is not closed by '}'");
            }
            parts.add(new Part(template.substring(open + 1, close), true));
            pos = close + 1;
        }
        return List.copyOf(parts);
    }
}
