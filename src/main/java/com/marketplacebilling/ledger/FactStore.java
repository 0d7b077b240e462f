package com.marketplacebilling.ledger;

import com.marketplacebilling.billing.CommerceVersion;
import com.marketplacebilling.billing.FulfillmentEvent;
import java.util.List;

/**
 * The facts received from the feeds: commerce versions and fulfillment events. Storing a fact registers its
 * subscription as due on the fact's date. Idempotent: rows already there are ignored.
 */
public interface FactStore {
    void storeVersions(List<CommerceVersion> versions);

    void storeEvents(List<FulfillmentEvent> events);

    /**
     * Before a commerce load: when no commerce version is stored yet (the first night), drops the console's
     * search indexes, so a million-row COPY does not maintain them row by row; {@link #restoreIndexes()} builds
     * them from the loaded rows. Does nothing on a ledger that has commerce versions.
     */
    void deferIndexesIfEmpty();

    /**
     * After the loads, before billing (and after any crash in between): builds the search indexes that
     * {@link #deferIndexesIfEmpty()} dropped; nothing when they are there.
     */
    void restoreIndexes();
}
