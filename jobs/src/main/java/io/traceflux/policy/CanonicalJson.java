package io.traceflux.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical text of a policy document: what Python's
 * {@code json.dumps(doc, sort_keys=True, separators=(',', ':'), ensure_ascii=False)} prints.
 * Written out here rather than by Jackson's generator, whose escapes (upper-case hex) and float
 * text ({@code 1.0E-5}) differ from Python's.
 *
 * <ul>
 *   <li>mapping keys sorted by Unicode code point, at every level; lists keep their order;
 *   <li>no whitespace between tokens;
 *   <li>strings: {@code "} and {@code \} backslash-escaped, {@code \n \r \t \b \f} as such, other
 *       characters below U+0020 as {@code \}{@code u00xx} (lower-case hex), everything else as itself;
 *       the text is hashed as UTF-8;
 *   <li>integers in decimal ({@code 2}); other numbers as Python's float repr: the shortest
 *       digits that read back as the same double, {@code 0.95}, {@code 2.0}, {@code 1e-05},
 *       {@code 1e+16};
 *   <li>{@code true}, {@code false}, {@code null}.
 * </ul>
 */
final class CanonicalJson {

    private static final Comparator<String> CODE_POINT_ORDER =
            (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());

    private CanonicalJson() {
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        append(out, node);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> object(out, node);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    append(out, node.get(i));
                }
                out.append(']');
            }
            case STRING -> string(out, node.textValue());
            case NUMBER -> out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString() : pythonRepr(node.doubleValue()));
            case BOOLEAN, NULL -> out.append(node.asText());
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void object(StringBuilder out, JsonNode node) {
        List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        keys.sort(CODE_POINT_ORDER);
        out.append('{');
        for (String key : keys) {
            out.append(key == keys.get(0) ? "" : ",");
            string(out, key);
            out.append(':');
            append(out, node.get(key));
        }
        out.append('}');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form outside 1e-4..1e16. */
    static String pythonRepr(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
        }
        String sign = (Double.doubleToRawLongBits(x) < 0) ? "-" : "";
        if (x == 0) {
            return sign + "0.0";
        }
        BigDecimal shortest = shortestDigits(Math.abs(x));
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale(); // x = 0.digits * 10^point
        if (point <= -4 || point > 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int exponent = point - 1;
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        if (point <= 0) {
            return sign + "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length()) {
            return sign + digits + "0".repeat(point - digits.length()) + ".0";
        }
        return sign + digits.substring(0, point) + "." + digits.substring(point);
    }

    /** The fewest significant digits that read back as {@code x}; of two candidates, the nearer. */
    private static BigDecimal shortestDigits(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int precision = 1; ; precision++) {
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (candidate.doubleValue() == x) {
                    return candidate.stripTrailingZeros();
                }
            }
        }
    }
}
