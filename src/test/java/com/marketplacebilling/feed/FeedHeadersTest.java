package com.marketplacebilling.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The header lines written by the generator and the tests come from FeedHeaders; they are the contract's. */
class FeedHeadersTest {

    @Test
    @DisplayName("FeedHeaders' header lines are the first lines of the sample feeds, column for column")
    void headersAreTheSampleFeedsHeaders() throws Exception {
        Path day = Path.of("sample-data", "2026-11-02");
        assertThat(FeedHeaders.COMMERCE_HEADER)
                .isEqualTo(Files.readAllLines(day.resolve("subscriptions.csv")).get(0));
        assertThat(FeedHeaders.FULFILLMENT_HEADER)
                .isEqualTo(Files.readAllLines(day.resolve("fulfillment-events.csv")).get(0));
    }
}
