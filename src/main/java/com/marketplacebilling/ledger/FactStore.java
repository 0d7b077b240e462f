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
}
