package com.marketplacebilling.batch;

import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;
import com.marketplacebilling.billing.SourceRef;
import com.marketplacebilling.feed.FeedReader;
import com.marketplacebilling.ledger.FactStore;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * One of the two feeds as its load step needs it: the step, the reader's name (the key of its restart position),
 * the file, its parser, and where its facts are stored. Both load steps are built from these by one method.
 */
public record FeedLoad<T>(BillingStep step, String readerName, String file,
                          BiFunction<Path, LocalDate, FeedReader<T>> parser, BiConsumer<FactStore, List<T>> store) {

    public static final FeedLoad<CommerceVersion> COMMERCE = new FeedLoad<>(BillingStep.LOAD_COMMERCE, "commerce",
            SourceRef.COMMERCE_FILE, FeedReader::commerce, FactStore::storeVersions);

    public static final FeedLoad<FulfillmentEvent> FULFILLMENT = new FeedLoad<>(BillingStep.LOAD_FULFILLMENT,
            "fulfillment", SourceRef.FULFILLMENT_FILE, FeedReader::fulfillment, FactStore::storeEvents);
}
