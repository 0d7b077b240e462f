package com.marketplacebilling.ops;

import com.marketplacebilling.batch.InlineRun;
import com.marketplacebilling.batch.NightlyBillingJobConfiguration;
import com.marketplacebilling.batch.SubscriptionHistoryReader;
import com.marketplacebilling.ledger.SubscriptionSlice;
import com.marketplacebilling.billing.BillingEngine;
import com.marketplacebilling.billing.InvoiceLine;
import com.marketplacebilling.billing.RunContext;
import com.marketplacebilling.billing.SubscriptionHistory;
import com.marketplacebilling.feed.FeedFileException;
import com.marketplacebilling.ledger.BusinessRun;
import com.marketplacebilling.ledger.DueSetPlanner;
import com.marketplacebilling.ledger.FactStore;
import com.marketplacebilling.ledger.HistoryStore;
import com.marketplacebilling.ledger.OutcomeStore;
import com.marketplacebilling.ledger.OutputQueries;
import com.marketplacebilling.ledger.RunRegistry;
import com.marketplacebilling.publish.DatePublisher;
import com.marketplacebilling.publish.MonthClosePublisher;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** preview, --force-rerun of a completed date, and close-month. */
@Component
public class LedgerCommands {
    private final RunGuard guard;
    private final FactStore facts;
    private final OutcomeStore outcomes;
    private final DueSetPlanner dueSet;
    private final HistoryStore histories;
    private final OutputQueries outputs;
    private final RunRegistry registry;
    private final JobRepository jobRepository;
    private final TransactionTemplate tx;
    private final Clock clock;

    public LedgerCommands(RunGuard guard, FactStore facts, OutcomeStore outcomes, DueSetPlanner dueSet,
                          HistoryStore histories, OutputQueries outputs, RunRegistry registry, JobRepository jobRepository,
                          TransactionTemplate tx, Clock clock) {
        this.guard = guard;
        this.facts = facts;
        this.outcomes = outcomes;
        this.dueSet = dueSet;
        this.histories = histories;
        this.outputs = outputs;
        this.registry = registry;
        this.jobRepository = jobRepository;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Computes what the run for the date would emit, with the job's own readers, rules and writers, inside one
     * transaction that is rolled back; publishes that into {@code <outbox>/preview/<date>}.
     */
    public Outcome preview(LocalDate date, Settings s) throws Exception {
        return guard.exclusively(() -> {
            BusinessRun existing = registry.find(date);
            if (existing != null && existing.completed()) {
                return Outcome.refused(date + " already completed; its outputs are in " + s.outbox().resolve(date.toString())
                        + " (run --force-rerun to recompute and check them)");
            }
            LocalDate last = registry.lastCompleted();
            if (existing == null && last != null && date.isBefore(last)) {
                return Outcome.refused("business dates move forward: " + date + " is before the last completed date " + last);
            }
            Path previewBox = s.outbox().resolve("preview");
            long[] counts = new long[2];
            Path folder;
            try {
                folder = tx.execute(status -> {
                    status.setRollbackOnly(); // a preview leaves the database exactly as it was
                    try {
                        BusinessRun run = registry.begin(date, s.policy(), NightlyRunner.owner(), clock.instant());
                        InlineRun.checkLoadAndBill(facts, outcomes, dueSet, histories, registry, s.inbox(), run.context());
                        RunRegistry.Outcomes stored = registry.outcomes(date);
                        counts[0] = stored.lines();
                        counts[1] = stored.exceptions();
                        return new DatePublisher(outputs, registry, clock).publish(date, previewBox,
                                new DatePublisher.RunFacts(0, 0, s.policy(), run.startedAt()));
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (FeedFileException e) {
                return Outcome.failed("preview of " + date + " FAILED: " + e.getMessage());
            }
            return Outcome.ok("preview of " + date + ": " + counts[0] + " invoice lines, " + counts[1]
                    + " exceptions in " + folder + "; nothing was stored");
        });
    }

    /**
     * Recomputes a completed date from the facts known then and the lines billed before it, checks that the
     * result equals the lines stored for it, and republishes the stored lines. Nothing is billed twice.
     */
    public Outcome forceRerun(LocalDate date, Settings s) throws Exception {
        return guard.exclusively(() -> {
            BusinessRun run = registry.find(date);
            if (!run.policy().equals(s.policy())) {
                return Outcome.refused(date + " was billed with rounding " + run.rounding().optionName()
                        + " and legacy cut-over " + run.legacyUntil() + "; a rerun must use the same options");
            }
            List<String> differences = recompute(run.context());
            if (!differences.isEmpty()) {
                return Outcome.failed("recomputing " + date + " does NOT reproduce its stored lines ("
                        + differences.size() + " differences; nothing republished):\n  "
                        + String.join("\n  ", differences.subList(0, Math.min(20, differences.size()))));
            }
            JobExecution last = jobRepository.getLastJobExecution(NightlyBillingJobConfiguration.JOB_NAME,
                    new JobParametersBuilder().addLocalDate("businessDate", date, true).toJobParameters());
            int attempts = jobRepository.getJobExecutions(last.getJobInstance()).size();
            Path folder = new DatePublisher(outputs, registry, clock).publish(date, s.outbox(),
                    new DatePublisher.RunFacts(last.getId(), attempts, run.policy(), run.startedAt()));
            return Outcome.ok(date + " recomputed: it reproduces the " + registry.outcomes(date).lines() + " stored lines; republished to " + folder);
        });
    }

    private List<String> recompute(RunContext ctx) throws Exception {
        LocalDate date = ctx.businessDate();
        BillingEngine engine = new BillingEngine();
        SubscriptionHistoryReader reader = new SubscriptionHistoryReader(dueSet, histories, date, date,
                SubscriptionSlice.ALL, NightlyBillingJobConfiguration.BILL_CHUNK);
        List<String> differences = new ArrayList<>();
        dueSet.prepareBilling();
        reader.open(new ExecutionContext());
        try {
            List<SubscriptionHistory> page = new ArrayList<>();
            for (SubscriptionHistory h; ; ) {
                h = reader.read();
                if (h != null) page.add(h);
                if (h == null || page.size() == NightlyBillingJobConfiguration.BILL_CHUNK) {
                    compare(page, engine, ctx, differences);
                    page.clear();
                }
                if (h == null) break;
            }
        } finally {
            reader.close();
        }
        return differences;
    }

    private void compare(List<SubscriptionHistory> page, BillingEngine engine, RunContext ctx, List<String> out) {
        if (page.isEmpty()) return;
        Map<String, String> computed = new TreeMap<>();
        for (SubscriptionHistory h : page) {
            engine.bill(h, ctx).lines().forEach(l -> computed.put(l.lineId(), canonical(l)));
        }
        Map<String, String> stored = outputs.linesBilledOn(ctx.businessDate(),
                        page.stream().map(SubscriptionHistory::subscriptionId).toList()).stream()
                .collect(Collectors.toMap(InvoiceLine::lineId, LedgerCommands::canonical, (a, b) -> a, TreeMap::new));
        for (var e : computed.entrySet()) {
            String s = stored.get(e.getKey());
            if (s == null) out.add("recomputed but not stored: " + e.getValue());
            else if (!s.equals(e.getValue())) out.add("stored " + s + "\n    recomputed " + e.getValue());
        }
        for (var e : stored.entrySet()) {
            if (!computed.containsKey(e.getKey())) out.add("stored but not recomputed: " + e.getValue());
        }
    }

    /** Every column, amounts compared by value. */
    static String canonical(InvoiceLine l) {
        Function<BigDecimal, String> n = b -> b.stripTrailingZeros().toPlainString();
        return String.join("|", l.lineId(), l.invoiceNumber(), l.subscriptionId(), l.chargeType().feedName(),
                l.orderDate().toString(), l.chargeStartDate() + ".." + l.chargeEndDate(), "q" + l.quantity(),
                n.apply(l.unitPrice()), n.apply(l.effectiveUnitPrice()), n.apply(l.subtotal()), l.currency(),
                l.planId(), l.customerId(), l.customerName(), l.customerCountry(), l.resellerMpnId(), l.orderId(),
                l.publisherId(), l.publisherName(), l.offerId(), l.subscriptionDescription(), l.term().name(),
                l.billingFrequency().feedName(), l.subscriptionStartDate() + ".." + l.subscriptionEndDate(),
                l.referenceId());
    }

    /**
     * Writes the month's invoices and lines, then locks the month: lines that come later for it are invoiced
     * in the next open month. Refused until the month's last day has completed. Months close in order, and a
     * month is never locked without its files: every open month before {@code month} (from the month after the
     * last closed one, or from the earliest month that has lines when none is closed yet) is closed first, each
     * writing its own files, so every billed line lands in exactly one closed month's invoice-lines.csv.
     */
    public Outcome closeMonth(YearMonth month, Settings s) throws Exception {
        return guard.exclusively(() -> {
            YearMonth closed = registry.lastClosedMonth();
            if (closed != null && !month.isAfter(closed)) {
                return Outcome.refused(month + " is closed already" + (month.equals(closed) ? "" : " (" + closed
                        + " is closed, and months close in order)"));
            }
            LocalDate last = registry.lastCompleted();
            if (last == null || last.isBefore(month.atEndOfMonth())) {
                return Outcome.refused(month + " cannot be closed before its last day " + month.atEndOfMonth()
                        + " has completed (last completed date: " + (last == null ? "none" : last) + ")");
            }
            BusinessRun unfinished = registry.unfinishedOtherThan(LocalDate.MIN);
            if (unfinished != null) {
                return Outcome.refused(unfinished.businessDate() + " has an unfinished run; complete or abandon it first");
            }
            List<String> report = new ArrayList<>();
            for (YearMonth m : monthsToClose(closed, month)) {
                // each month's files are published before its lock is written: a crash between months leaves
                // the earlier ones closed with their files and the later ones open
                MonthClosePublisher.Published p = new MonthClosePublisher(outputs).publish(m, s.outbox());
                registry.closeMonth(m, p.invoices(), p.lines(), clock.instant());
                report.add(m + " closed: " + p.invoices() + " invoices, " + p.lines() + " lines in " + p.folder());
            }
            return Outcome.ok(String.join("\n", report) + "\nlater lines for " + month + " and earlier months go to "
                    + month.plusMonths(1));
        });
    }

    /**
     * The open months up to {@code month} that have lines, oldest first, and {@code month} itself. A month between
     * them without a line needs no files: it is locked all the same (months are locked up to the last closed one).
     */
    private List<YearMonth> monthsToClose(YearMonth lastClosed, YearMonth month) {
        YearMonth first = lastClosed != null ? lastClosed.plusMonths(1) : outputs.firstInvoiceMonth();
        List<YearMonth> months = new ArrayList<>();
        if (first != null && first.isBefore(month)) months.addAll(outputs.invoiceMonthsWithLines(first, month.minusMonths(1)));
        months.add(month);
        return months;
    }

}
