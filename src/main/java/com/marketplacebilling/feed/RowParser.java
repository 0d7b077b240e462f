package com.marketplacebilling.feed;

import java.util.List;

/** The column rules of one feed. */
interface RowParser<T> {

    /** The file name used in SourceRef and in exceptions. */
    String fileName();

    /** Every column the job reads, in contract order (the order defects are looked for). */
    List<String> columns();

    /** Columns the header must have. */
    List<String> required();

    /** Validates a record whose framing, field count and characters are already checked. */
    T parse(Row row);
}
