package com.marketplacebilling.publish;

import java.util.Comparator;

/**
 * Binary text order: strings compared by Unicode code point, never by locale collation (feeds.md, general rules).
 *
 * <p>{@link String#compareTo} compares UTF-16 code units, which puts a supplementary character (stored as a
 * surrogate pair, U+D800..U+DFFF) before U+E000..U+FFFF; code point order puts it after them. This comparator
 * gives the same order as comparing the UTF-8 bytes, which is what PostgreSQL's {@code "C"} collation does.
 */
public final class TextOrder {
    private TextOrder() {}

    /** Compares by Unicode code point; {@code null} is not allowed. */
    public static final Comparator<String> CODE_POINT = TextOrder::compare;

    /** Negative, zero or positive as {@code a} is before, equal to or after {@code b} in code point order. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        int la = a.length();
        int lb = b.length();
        while (i < la && j < lb) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        // One is a prefix of the other (in code points): the shorter comes first.
        return Boolean.compare(i < la, j < lb);
    }
}
