package io.traceflux.policy;

import static java.util.Map.entry;

import java.util.Map;
import java.util.Set;

/**
 * The single-character parts of an RE2 pattern, rewritten as java.util.regex text: bracket
 * classes, Perl and POSIX classes, Unicode classes and escaped characters. Used by
 * {@link Re2Translator}; input is valid RE2.
 */
final class Re2Atoms {

    /** Java text for the RE2 text that ends at {@code end} (exclusive). */
    record Piece(String java, int end) {
    }

    /** RE2's POSIX classes ({@code [:name:]}) as code-point ranges, exactly as RE2 defines them. */
    private static final Map<String, int[]> POSIX = Map.ofEntries(
            entry("alnum", new int[] {'0', '9', 'A', 'Z', 'a', 'z'}),
            entry("alpha", new int[] {'A', 'Z', 'a', 'z'}),
            entry("ascii", new int[] {0, 0x7F}),
            entry("blank", new int[] {'\t', '\t', ' ', ' '}),
            entry("cntrl", new int[] {0, 0x1F, 0x7F, 0x7F}),
            entry("digit", new int[] {'0', '9'}),
            entry("graph", new int[] {'!', '~'}),
            entry("lower", new int[] {'a', 'z'}),
            entry("print", new int[] {' ', '~'}),
            entry("punct", new int[] {'!', '/', ':', '@', '[', '`', '{', '~'}),
            entry("space", new int[] {'\t', '\r', ' ', ' '}),
            entry("upper", new int[] {'A', 'Z'}),
            entry("word", new int[] {'0', '9', 'A', 'Z', 'a', 'z', '_', '_'}),
            entry("xdigit", new int[] {'0', '9', 'A', 'F', 'a', 'f'}));

    /** RE2's Perl classes; its {@code \s} lacks {@code \x0B}, unlike Java's. */
    private static final Map<Character, int[]> PERL = Map.of(
            'd', POSIX.get("digit"),
            's', new int[] {'\t', '\n', '\f', '\r', ' ', ' '},
            'w', POSIX.get("word"));

    /** Unicode general categories; every other {@code \p} name is a script, {@code Is<Name>} in Java. */
    private static final Set<String> CATEGORIES = Set.of(
            "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
            "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps",
            "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");

    private final String re;
    private int pos;

    private Re2Atoms(String re, int pos) {
        this.re = re;
        this.pos = pos;
    }

    /** The bracket class that opens at {@code start}. */
    static Piece charClass(String re, int start) {
        Re2Atoms a = new Re2Atoms(re, start + 1);
        return new Piece(a.bracketClass(), a.pos);
    }

    /**
     * The escape at {@code start} other than the assertions and {@code \Q}: a Perl or Unicode
     * class, or one character.
     */
    static Piece escape(String re, int start) {
        Re2Atoms a = new Re2Atoms(re, start);
        String java = a.classEscape();
        return new Piece(java != null ? java : literal(a.escapedChar()), a.pos);
    }

    /** One literal character: letters and digits as they are, everything else escaped. */
    static String literal(int c) {
        if (c < 0x80 ? (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                : Character.isLetterOrDigit(c)) {
            return Character.toString(c);
        }
        return c >= ' ' && c <= '~' ? "\\" + (char) c : "\\x{" + Integer.toHexString(c) + "}";
    }

    private String bracketClass() {
        StringBuilder java = new StringBuilder("[");
        if (re.charAt(pos) == '^') {
            java.append('^');
            pos++;
        }
        boolean first = true; // RE2 takes a ] right after [ or [^ as a literal
        while (first || re.charAt(pos) != ']') {
            first = false;
            java.append(classItem());
        }
        pos++;
        return java.append(']').toString();
    }

    private String classItem() {
        int posixEnd = re.startsWith("[:", pos) ? re.indexOf(":]", pos + 2) : -1;
        if (posixEnd >= 0) {
            String name = re.substring(pos + 2, posixEnd);
            pos = posixEnd + 2;
            boolean negated = name.startsWith("^");
            return set(POSIX.get(negated ? name.substring(1) : name), negated);
        }
        String escapeClass = re.charAt(pos) == '\\' ? classEscape() : null;
        if (escapeClass != null) {
            return escapeClass;
        }
        int lo = classChar();
        if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
            pos++;
            return literal(lo) + "-" + literal(classChar());
        }
        return literal(lo);
    }

    private int classChar() {
        if (re.charAt(pos) == '\\') {
            return escapedChar();
        }
        int c = re.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    /** A Perl ({@code \d}) or Unicode ({@code \pL}) class at the backslash, or null if it is neither. */
    private String classEscape() {
        char kind = re.charAt(pos + 1);
        int[] perl = PERL.get(Character.toLowerCase(kind));
        if (perl != null) {
            pos += 2;
            return set(perl, Character.isUpperCase(kind));
        }
        return kind == 'p' || kind == 'P' ? unicodeClass(kind == 'P') : null;
    }

    private String unicodeClass(boolean negated) {
        pos += 2;
        String name;
        if (re.charAt(pos) == '{') {
            int close = re.indexOf('}', pos);
            name = re.substring(pos + 1, close);
            pos = close + 1;
        } else {
            name = Character.toString(re.codePointAt(pos));
            pos += name.length();
        }
        if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
        }
        if (name.equals("Any")) {
            return set(new int[] {0, Character.MAX_CODE_POINT}, negated);
        }
        return (negated ? "\\P{" : "\\p{") + (CATEGORIES.contains(name) ? name : "Is" + name) + "}";
    }

    /** The character a backslash escape stands for: octal, hex, C escapes, escaped punctuation. */
    private int escapedChar() {
        pos++;
        int c = re.codePointAt(pos);
        pos += Character.charCount(c);
        return switch (c) {
            case '0', '1', '2', '3', '4', '5', '6', '7' -> octal(c - '0');
            case 'x' -> hex();
            case 'a' -> 0x07;
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            default -> c;
        };
    }

    /** Up to two more octal digits after the first (RE2's {@code \0}, {@code \12}, {@code \123}). */
    private int octal(int value) {
        for (int i = 0; i < 2 && pos < re.length() && re.charAt(pos) >= '0' && re.charAt(pos) <= '7'; i++) {
            value = value * 8 + re.charAt(pos++) - '0';
        }
        return value;
    }

    /** {@code \x{10FFFF}} or exactly two digits, {@code \x7F}. */
    private int hex() {
        if (re.charAt(pos) != '{') {
            pos += 2;
            return Integer.parseInt(re.substring(pos - 2, pos), 16);
        }
        int close = re.indexOf('}', pos);
        int value = Integer.parseInt(re.substring(pos + 1, close), 16);
        pos = close + 1;
        return value;
    }

    private static String set(int[] ranges, boolean negated) {
        StringBuilder java = new StringBuilder(negated ? "[^" : "[");
        for (int i = 0; i < ranges.length; i += 2) {
            java.append(literal(ranges[i]));
            if (ranges[i + 1] != ranges[i]) {
                java.append('-').append(literal(ranges[i + 1]));
            }
        }
        return java.append(']').toString();
    }
}
