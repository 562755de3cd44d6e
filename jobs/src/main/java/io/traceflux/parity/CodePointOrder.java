package io.traceflux.parity;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, which is UTF-8 byte order and how Spark sorts strings
 * (SPEC 3.2); Java's natural order (UTF-16 units) differs above U+FFFF.
 */
public final class CodePointOrder {

    public static final Comparator<String> COMPARATOR = CodePointOrder::compare;

    private CodePointOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
