package com.marketplacebilling.billing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable identifiers derived from content, never from sequences or clocks. */
public final class Hashes {
    private Hashes() {}

    /** SHA-256 over the parts, separated by a unit separator, as lower-case hex. */
    public static String key(String... parts) {
        MessageDigest md = sha256();
        for (String p : parts) {
            md.update(p.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0x1f);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * {@link #key} of parts already written into {@code joined}, each followed by the unit separator: the same
     * bytes (U+001F is the byte 0x1f, and no part's characters can pair with the next part's across it), hashed
     * with one encoding and this thread's digest instead of one of each per part (a million-row load hashes
     * every row).
     */
    public static String keyOfJoined(CharSequence joined) {
        MessageDigest md = DIGEST.get();
        md.reset();
        return HexFormat.of().formatHex(md.digest(joined.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The unit separator {@link #key} writes after every part. */
    public static final char SEPARATOR = 0x1f;

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Hashes::sha256);

    /** A short id: prefix plus the first 20 hex digits (80 bits) of the key. */
    public static String id(String prefix, String... parts) {
        return prefix + key(parts).substring(0, 20);
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
