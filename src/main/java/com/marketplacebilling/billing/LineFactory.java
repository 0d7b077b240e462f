package com.marketplacebilling.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** How every family builds a line of this subscription and its explanation, so they all build them alike. */
final class LineFactory {
    private final SubscriptionFacts facts;

    LineFactory(SubscriptionFacts facts) { this.facts = facts; }

    /**
     * A line billing {@code from}..{@code to}, ordered on its first day: the immutable fields as established
     * (R12), the descriptive ones as {@code desc} tells them, its term (R3). The caller sets amount and reference.
     */
    InvoiceLine.Builder line(String lineId, ChargeType type, LocalDate from, LocalDate to, CommerceVersion desc,
                             String offerId, String planId) {
        CommerceVersion first = facts.established();
        ChargeCycle term = facts.schedule().termOn(from);
        return InvoiceLine.builder()
                .invoice(invoiceNumber(from, desc), lineId)
                .customer(first.customerId(), desc.customerName(), desc.customerCountry(), desc.resellerMpnId())
                .order(first.orderId(), from)
                .publisher(desc.publisherId(), desc.publisherName())
                .product(offerId, planId)
                .subscription(facts.subscriptionId(), description(desc, planId))
                .charge(type, from, to)
                .contract(first.currency(), first.term(), first.billingFrequency())
                .subscriptionTerm(term.start(), term.end());
    }

    /** R15: the invoice of a line ordered on {@code orderDate}. */
    String invoiceNumber(LocalDate orderDate, CommerceVersion st) {
        return InvoiceNumbers.of(orderDate, facts.run().firstOpenMonth(), st.customerId(), st.currency());
    }

    static String description(CommerceVersion st, String planId) {
        return st.friendlyName().isEmpty() ? planId : st.friendlyName();
    }

    /** What a line's explanation says besides its proration inputs. */
    record Grounds(LineExplanation.Rule rule, LineExplanation.Change change, CommerceVersion fact,
                   List<FulfillmentEvent> events, String reverses, LocalDate dueOn) {}

    /** The explanation of a line billing {@code quantity} × {@code unitPrice} from {@code from} to the cycle end. */
    LineExplanation explanation(String lineId, LineExplanation.Direction direction, BigDecimal unitPrice,
                                int quantity, ChargeCycle cycle, LocalDate from, Rounding rounding, Grounds why) {
        int remaining = cycle.daysFrom(from);
        List<LineExplanation.EventFact> events = new ArrayList<>(why.events().size());
        for (FulfillmentEvent e : why.events()) events.add(LineExplanation.EventFact.of(e));
        return new LineExplanation(lineId, why.rule(), direction, unitPrice, quantity, remaining, cycle.days(),
                cycle.start(), cycle.end(), rounding, LineExplanation.exact(unitPrice, quantity, remaining, cycle.days()),
                why.change(), new LineExplanation.CommerceFact(why.fact().source(), why.fact().updatedAt()), events,
                why.reverses(), why.dueOn(), facts.today());
    }
}
