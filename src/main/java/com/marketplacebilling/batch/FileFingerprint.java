package com.marketplacebilling.batch;

import com.marketplacebilling.billing.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A file's SHA-256 and its number of line breaks, in one streaming pass. */
record FileFingerprint(String sha256, long lineBreaks) {

    static FileFingerprint of(Path file) throws IOException {
        MessageDigest md = Hashes.sha256();
        long breaks = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                for (int i = 0; i < n; i++) if (buf[i] == '\n') breaks++;
            }
        }
        return new FileFingerprint(HexFormat.of().formatHex(md.digest()), breaks);
    }
}
