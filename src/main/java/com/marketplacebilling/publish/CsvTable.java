package com.marketplacebilling.publish;

import java.io.Closeable;
import java.io.Flushable;
import java.util.Iterator;
import java.util.List;

/** An output CSV of one record type: the header at once, then one row per value, streamed. */
public abstract class CsvTable<T> implements Closeable, Flushable {
    private final CsvOutput csv;

    /** Writes the header at once. Closing this closes {@code csv}. */
    protected CsvTable(CsvOutput csv, List<String> columns) {
        this.csv = csv;
        csv.header(columns.toArray(String[]::new));
    }

    /** Writes one value as one record. */
    protected abstract void row(CsvOutput csv, T value);

    public void write(T value) {
        row(csv, value);
    }

    public void writeAll(Iterator<? extends T> values) {
        while (values.hasNext()) {
            write(values.next());
        }
    }

    /** Data rows written so far. */
    public long rows() {
        return csv.rows();
    }

    @Override
    public void flush() {
        csv.flush();
    }

    @Override
    public void close() {
        csv.close();
    }
}
