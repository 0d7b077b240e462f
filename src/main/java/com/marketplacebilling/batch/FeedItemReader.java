package com.marketplacebilling.batch;

import com.marketplacebilling.feed.FeedReader;
import com.marketplacebilling.feed.ParsedRow;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams one feed file's rows. Its position (rows read, rows malformed) is saved with each committed chunk,
 * so a restart skips exactly the rows already stored.
 */
public class FeedItemReader<T> implements ItemStreamReader<ParsedRow<T>> {
    private final String name;
    private final Supplier<FeedReader<T>> opener;
    private FeedReader<T> reader;
    private long malformed;

    public FeedItemReader(String name, Supplier<FeedReader<T>> opener) {
        this.name = name;
        this.opener = opener;
    }

    @Override
    public void open(ExecutionContext ctx) {
        reader = opener.get();
        reader.skip(ctx.getLong(name + ".rows", 0L));
        malformed = ctx.getLong(name + ".malformed", 0L);
    }

    @Override
    public ParsedRow<T> read() {
        ParsedRow<T> row = reader.next();
        if (row instanceof ParsedRow.Rejected<T>) malformed++;
        return row;
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putLong(name + ".rows", reader.rowsRead());
        ctx.putLong(name + ".malformed", malformed);
    }

    @Override
    public void close() {
        if (reader != null) reader.close();
        reader = null;
    }

    public long rowsRead() { return reader.rowsRead(); }

    public long malformed() { return malformed; }
}
