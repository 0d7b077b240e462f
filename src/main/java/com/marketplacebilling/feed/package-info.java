/**
 * Streaming reading and validation of the two input feeds (feeds.md, Inputs 1 and 2), without Spring or SQL.
 *
 * <p>{@link com.marketplacebilling.feed.FeedReader} opens a feed, checks its header (throwing
 * {@link com.marketplacebilling.feed.FeedFileException} for file-level defects) and returns one
 * {@link com.marketplacebilling.feed.ParsedRow} per data record: the domain value with its INVALID_* warnings, or
 * the record's MALFORMED_ROW. {@link com.marketplacebilling.feed.CsvRecordReader} does the RFC 4180 framing with
 * physical line numbers; only one record is held in memory at a time.
 */
package com.marketplacebilling.feed;
