package io.traceflux.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * How large an RE2 pattern's compiled program gets and how deeply its groups nest, estimated
 * from the pattern text before com.google.re2j compiles it. re2j expands counted repetitions
 * while compiling, so {@code ((a{1000}){1000}){1000}} would need a billion instructions and end in
 * OutOfMemoryError, and its compiler recurses once per group level, so a few thousand nested
 * groups overflow the stack; both have to be refused before {@code Pattern.compile} runs.
 *
 * <p>The estimate follows RE2's expansion: a literal, class or assertion is one instruction;
 * {@code x*}, {@code x+} and {@code x?} add one to {@code x}; {@code x{n,m}} is {@code m}
 * copies of {@code x}, {@code x{n,}} is {@code n + 1}; a group adds two (its captures). It never
 * throws: text that is not valid RE2 gets some estimate, and re2j then reports what is wrong.
 */
final class Re2Size {

    /** RE2's counted repeat; numbers have no leading zeros, else the brace is literal text. */
    private static final Pattern REPEAT = Pattern.compile("\\{(0|[1-9][0-9]{0,6})(,(0|[1-9][0-9]{0,6})?)?}");

    /** Values stop growing here: far above any limit, far below overflow when multiplied by a count. */
    private static final long SATURATED = 1L << 40;

    /**
     * The estimate.
     *
     * @param instructions estimated program size (saturates far above any sensible limit)
     * @param depth        deepest group nesting
     */
    record Estimate(long instructions, int depth) {
    }

    /** One group being read: the finished alternatives, the current sequence and its last atom. */
    private static final class Frame {
        long alternatives;
        int bars;
        long sequence;
        long last;

        void add(long size) {
            sequence = saturate(sequence + size);
            last = size;
        }

        void bar() {
            alternatives = saturate(alternatives + sequence);
            bars++;
            sequence = 0;
            last = 0;
        }

        /** Applies a repetition of at least {@code min} and at most {@code max} (-1: unbounded) to the last atom. */
        void repeat(long min, long max) {
            long copies = max < 0 ? min + 1 : Math.max(max, 1);
            long repeated = saturate(last * copies + (max < 0 ? 1 : max - min));
            sequence = saturate(sequence - last + repeated);
            last = repeated;
        }

        long total() {
            return saturate(alternatives + sequence + bars);
        }
    }

    private final String re;
    private int pos;

    private Re2Size(String re) {
        this.re = re;
    }

    static Estimate of(String re) {
        return new Re2Size(re).estimate();
    }

    private Estimate estimate() {
        Deque<Frame> open = new ArrayDeque<>();
        Frame top = new Frame();
        int depth = 0;
        while (pos < re.length()) {
            char c = re.charAt(pos);
            switch (c) {
                case '(' -> {
                    if (openGroup()) {
                        open.push(top);
                        top = new Frame();
                        depth = Math.max(depth, open.size());
                    }
                }
                case ')' -> {
                    pos++;
                    if (!open.isEmpty()) {
                        long group = top.total() + 2;
                        top = open.pop();
                        top.add(group);
                    }
                }
                case '|' -> {
                    pos++;
                    top.bar();
                }
                case '*', '+', '?' -> {
                    pos++;
                    skipLazy();
                    top.repeat(c == '+' ? 1 : 0, c == '?' ? 1 : -1);
                }
                case '{' -> brace(top);
                case '[' -> {
                    skipClass();
                    top.add(1);
                }
                case '\\' -> top.add(escape());
                default -> {
                    pos += Character.charCount(re.codePointAt(pos));
                    top.add(1);
                }
            }
        }
        while (!open.isEmpty()) {
            long group = top.total() + 2;
            top = open.pop();
            top.add(group);
        }
        return new Estimate(top.total(), depth);
    }

    /** Moves past {@code (}, {@code (?:}, {@code (?P<name>} or {@code (?flags)}; false for flags alone. */
    private boolean openGroup() {
        int close = re.indexOf(')', pos);
        int colon = re.indexOf(':', pos);
        if (re.startsWith("(?P<", pos)) {
            int end = re.indexOf('>', pos);
            pos = end < 0 ? re.length() : end + 1;
            return true;
        }
        if (re.startsWith("(?", pos) && close >= 0 && (colon < 0 || close < colon)) {
            pos = close + 1;
            return false;
        }
        if (re.startsWith("(?", pos)) {
            pos = colon < 0 ? re.length() : colon + 1;
            return true;
        }
        pos++;
        return true;
    }

    private void skipLazy() {
        if (pos < re.length() && re.charAt(pos) == '?') {
            pos++;
        }
    }

    private void brace(Frame top) {
        java.util.regex.Matcher m = REPEAT.matcher(re).region(pos, re.length());
        if (!m.lookingAt()) {
            pos++;
            top.add(1);
            return;
        }
        pos = m.end();
        skipLazy();
        long min = Long.parseLong(m.group(1));
        long max = m.group(2) == null ? min : m.group(3) == null ? -1 : Long.parseLong(m.group(3));
        top.repeat(min, max);
    }

    /** Moves past a bracket class: {@code ]} right after {@code [} or {@code [^} is literal. */
    private void skipClass() {
        pos++;
        if (pos < re.length() && re.charAt(pos) == '^') {
            pos++;
        }
        boolean first = true;
        while (pos < re.length() && (first || re.charAt(pos) != ']')) {
            first = false;
            int posixEnd = re.startsWith("[:", pos) ? re.indexOf(":]", pos + 2) : -1;
            if (posixEnd >= 0) {
                pos = posixEnd + 2;
            } else if (re.charAt(pos) == '\\') {
                escape();
            } else {
                pos += Character.charCount(re.codePointAt(pos));
            }
        }
        pos = Math.min(pos + 1, re.length());
    }

    /** Moves past an escape; returns its size ({@code \Q...\E} is one per quoted character). */
    private long escape() {
        if (pos + 1 >= re.length()) {
            pos = re.length();
            return 1;
        }
        char kind = re.charAt(pos + 1);
        if (kind == 'Q') {
            int end = re.indexOf("\\E", pos + 2);
            String quoted = re.substring(pos + 2, end < 0 ? re.length() : end);
            pos = end < 0 ? re.length() : end + 2;
            return Math.max(1, quoted.codePointCount(0, quoted.length()));
        }
        boolean braced = (kind == 'p' || kind == 'P' || kind == 'x') && pos + 2 < re.length() && re.charAt(pos + 2) == '{';
        if (braced) {
            int close = re.indexOf('}', pos);
            pos = close < 0 ? re.length() : close + 1;
        } else if (kind == 'p' || kind == 'P') {
            pos = Math.min(pos + 3, re.length());
        } else {
            pos += 1 + Character.charCount(re.codePointAt(pos + 1));
        }
        return 1;
    }

    private static long saturate(long value) {
        return Math.min(value, SATURATED);
    }
}
