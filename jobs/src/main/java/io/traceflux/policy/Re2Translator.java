package io.traceflux.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Rewrites a pattern that com.google.re2j accepted into java.util.regex text with the same
 * meaning, so Spark's {@code rlike} and {@code regexp_replace} (java.util.regex, find semantics)
 * behave like RE2. The input must already be valid RE2: this class follows RE2's grammar (as
 * Go's regexp/syntax and re2j parse it) but does not re-check it.
 *
 * <p>RE2's flags {@code m}, {@code s} and {@code U} are tracked here and never passed to Java:
 * {@code ^ $ .} become explicit constructs ({@code \A}, {@code \z}, lookarounds on {@code \n},
 * {@code [^\n]}) and laziness is swapped under {@code U}. Only {@code i} is passed on, as Java's
 * {@code (?iu)}, emitted right before the next atom so a quantifier always follows its atom.
 * Classes ({@code \d \s \w}, POSIX {@code [:name:]}) become explicit ASCII ranges, because Java's
 * {@code \s} also holds {@code \x0B}, Java has no POSIX bracket syntax, and explicit ranges fold
 * under {@code (?i)} the way RE2 folds them. Literal characters other than ASCII letters and digits
 * are escaped, so no RE2 literal can be Java syntax ({@code [a&&b]}, {@code x{,3}}).
 */
final class Re2Translator {

    /** The RE2 flags that change how the rest of a group is read. */
    private record Flags(boolean fold, boolean multiLine, boolean dotNewline, boolean ungreedy) {
        static final Flags DEFAULT = new Flags(false, false, false, false);

        Flags with(char flag, boolean on) {
            return switch (flag) {
                case 'i' -> new Flags(on, multiLine, dotNewline, ungreedy);
                case 'm' -> new Flags(fold, on, dotNewline, ungreedy);
                case 's' -> new Flags(fold, multiLine, on, ungreedy);
                default -> new Flags(fold, multiLine, dotNewline, on);
            };
        }
    }

    // Assertions are wrapped in (?:...) so that a quantifier after them (RE2 allows ^*) stays valid Java.
    private static final String TEXT_START = "(?:\\A)";
    private static final String TEXT_END = "(?:\\z)";
    private static final String LINE_START = "(?:(?<![^\\n]))";
    private static final String LINE_END = "(?:(?![^\\n]))";
    private static final String WORD = "[0-9A-Za-z_]";
    private static final String WORD_BOUNDARY = "(?-i:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NOT_WORD_BOUNDARY = "(?-i:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";

    /** RE2's counted repeat; numbers have no leading zeros, else the brace is literal text. */
    private static final Pattern REPEAT = Pattern.compile("\\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?}");

    private final String re;
    private int pos;
    private final StringBuilder out = new StringBuilder();
    private Flags flags = Flags.DEFAULT;
    private boolean javaFold;
    private final Deque<Flags> savedFlags = new ArrayDeque<>();
    private final Deque<Boolean> savedJavaFold = new ArrayDeque<>();

    private Re2Translator(String re) {
        this.re = re;
    }

    static String translate(String re2) {
        Re2Translator t = new Re2Translator(re2);
        while (t.pos < re2.length()) {
            t.step();
        }
        return t.out.toString();
    }

    private void step() {
        int c = re.codePointAt(pos);
        switch (c) {
            case '(' -> openGroup();
            case ')' -> closeGroup();
            case '|' -> text(1, "|");
            case '*', '+', '?' -> quantifier(1, String.valueOf((char) c));
            case '{' -> brace();
            case '[' -> atom(Re2Atoms.charClass(re, pos));
            case '.' -> atom(1, flags.dotNewline() ? "(?s:.)" : "[^\\n]");
            case '^' -> atom(1, flags.multiLine() ? LINE_START : TEXT_START);
            case '$' -> atom(1, flags.multiLine() ? LINE_END : TEXT_END);
            case '\\' -> escape();
            default -> atom(Character.charCount(c), Re2Atoms.literal(c));
        }
    }

    private void text(int length, String java) {
        pos += length;
        out.append(java);
    }

    /** Emits one Java atom, first bringing Java's case folding in line with RE2's. */
    private void atom(String java) {
        syncFold();
        out.append(java);
    }

    private void atom(Re2Atoms.Piece piece) {
        pos = piece.end();
        atom(piece.java());
    }

    private void atom(int length, String java) {
        pos += length;
        atom(java);
    }

    private void syncFold() {
        if (javaFold != flags.fold()) {
            out.append(flags.fold() ? "(?iu)" : "(?-i)");
            javaFold = flags.fold();
        }
    }

    /** Appends {@code op} and decides laziness: a trailing {@code ?} flips it, and so does U. */
    private void quantifier(int length, String op) {
        pos += length;
        boolean lazy = pos < re.length() && re.charAt(pos) == '?';
        if (lazy) {
            pos++;
        }
        out.append(op).append(lazy != flags.ungreedy() ? "?" : "");
    }

    /** {@code {n}}, {@code {n,}}, {@code {n,m}} are repeats; any other {@code {} is a literal. */
    private void brace() {
        java.util.regex.Matcher m = REPEAT.matcher(re).region(pos, re.length());
        if (m.lookingAt()) {
            quantifier(m.end() - pos, m.group());
        } else {
            atom(1, "\\{");
        }
    }

    private void openGroup() {
        int close = re.indexOf(')', pos);
        int colon = re.indexOf(':', pos);
        if (re.startsWith("(?P<", pos)) {
            push(re.indexOf('>', pos) + 1, "(", flags);
        } else if (re.startsWith("(?", pos) && close >= 0 && (colon < 0 || close < colon)) {
            flags = parseFlags(re.substring(pos + 2, close));
            pos = close + 1;
        } else if (re.startsWith("(?", pos)) {
            push(colon + 1, "(?:", parseFlags(re.substring(pos + 2, colon)));
        } else {
            push(pos + 1, "(", flags);
        }
    }

    /** Opens a Java group; RE2 and Java both restore the flags of the group's start at its end. */
    private void push(int newPos, String java, Flags inner) {
        syncFold();
        savedFlags.push(flags);
        savedJavaFold.push(javaFold);
        out.append(java);
        flags = inner;
        pos = newPos;
    }

    private void closeGroup() {
        text(1, ")");
        flags = savedFlags.pop();
        javaFold = savedJavaFold.pop();
    }

    private Flags parseFlags(String letters) {
        Flags result = flags;
        boolean on = true;
        for (char c : letters.toCharArray()) {
            if (c == '-') {
                on = false;
            } else {
                result = result.with(c, on);
            }
        }
        return result;
    }

    private void escape() {
        char next = re.charAt(pos + 1);
        switch (next) {
            case 'A' -> atom(2, TEXT_START);
            case 'z' -> atom(2, TEXT_END);
            case 'b' -> atom(2, WORD_BOUNDARY);
            case 'B' -> atom(2, NOT_WORD_BOUNDARY);
            case 'Q' -> quotedLiterals();
            default -> atom(Re2Atoms.escape(re, pos));
        }
    }

    /** {@code \Q...\E}: everything up to {@code \E} (or the end) is literal, one atom per character. */
    private void quotedLiterals() {
        int end = re.indexOf("\\E", pos + 2);
        String literal = re.substring(pos + 2, end < 0 ? re.length() : end);
        pos = end < 0 ? re.length() : end + 2;
        literal.codePoints().forEach(c -> atom(Re2Atoms.literal(c)));
    }
}
