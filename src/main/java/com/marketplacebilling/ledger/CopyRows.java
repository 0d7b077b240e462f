package com.marketplacebilling.ledger;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import com.marketplacebilling.billing.IsoText;
import java.time.LocalDate;
import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL's COPY text format, sent with the driver's CopyManager on the connection of the current
 * transaction (so a COPY commits or rolls back with the chunk). Several times faster than batched INSERTs.
 * Instants are written in UTC ISO form, decimals as plain strings (their scale kept).
 */
final class CopyRows {
    private final StringBuilder b = new StringBuilder(1 << 16);
    private boolean first = true;
    private long rows;

    CopyRows text(String v) {
        sep();
        if (v == null) {
            b.append("\\N");
            return this;
        }
        int n = v.length();
        int plain = 0;
        while (plain < n) {
            char c = v.charAt(plain);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') break;
            plain++;
        }
        b.append(v, 0, plain); // almost every value: nothing to escape, one bulk copy
        for (int i = plain; i < n; i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return this;
    }

    CopyRows number(long v) {
        sep();
        b.append(v);
        return this;
    }

    CopyRows number(Integer v) {
        sep();
        if (v == null) b.append("\\N");
        else b.append(v.intValue());
        return this;
    }

    CopyRows decimal(BigDecimal v) {
        sep();
        b.append(v.toPlainString());
        return this;
    }

    CopyRows date(LocalDate v) {
        sep();
        IsoText.appendDate(b, v);
        return this;
    }

    CopyRows instant(Instant v) {
        sep();
        if (v == null) {
            b.append("\\N");
            return this;
        }
        appendInstant(b, v);
        return this;
    }

    /** Appends {@code v} exactly as {@link Instant#toString()} writes it. */
    static StringBuilder appendInstant(StringBuilder b, Instant v) {
        return IsoText.appendInstant(b, v);
    }

    static Instant parseInstant(String s, int from, int to) {
        return IsoText.parseInstant(s, from, to);
    }

    static LocalDate parseDate(String s, int from, int to) {
        return IsoText.parseDate(s, from, to);
    }

    CopyRows bool(boolean v) {
        sep();
        b.append(v ? 't' : 'f');
        return this;
    }

    CopyRows end() {
        b.append('\n');
        first = true;
        rows++;
        return this;
    }

    long rows() { return rows; }

    /** The COPY text so far. */
    @Override
    public String toString() { return b.toString(); }

    private void sep() {
        if (!first) b.append('\t');
        first = false;
    }

    /** Sends the rows with {@code COPY <target> FROM STDIN} on the connection. */
    void copyInto(Connection c, String target) throws SQLException {
        if (rows == 0) return;
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN",
                    new StringReader(b.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed: " + e.getMessage(), e);
        }
    }
}
