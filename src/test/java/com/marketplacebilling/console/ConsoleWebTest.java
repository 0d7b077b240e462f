package com.marketplacebilling.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.marketplacebilling.ledger.AuditStore;
import com.marketplacebilling.ledger.MonthsView;
import com.marketplacebilling.ledger.RunState;
import com.marketplacebilling.ledger.RunsView;
import com.marketplacebilling.ledger.SubscriptionStoryView;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Every page and action of the console through MockMvc on the real application (real PostgreSQL, the sample
 * week billed): access per role, CSRF, login redirect, audit rows; and the stores the pages read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleWebTest {
    static final List<String> PAGES = List.of("/runs", "/dates/2026-11-02", "/subscriptions?q=cust-1001",
            "/subscriptions/sub-0001", "/months", "/months/2026-11", "/reconciliation/2026-11", "/audit",
            "/dates/2026-11-02/files/invoice-lines.csv");
    static final List<String> ACTIONS = List.of("/actions/restart/2026-11-06", "/actions/abandon/2026-11-06",
            "/actions/run-next", "/actions/close-month/2026-11", "/actions/reconcile/2026-10");
    @TempDir
    static Path home;
    private ConsoleFixture f;
    private MockMvc mvc;

    @BeforeAll
    void start() {
        f = ConsoleFixture.start(home, ConsoleFixture.sampleData(), "2026-11-02", "2026-11-06");
        mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) f.ctx)
                .apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @AfterAll
    void stop() { f.close(); }

    private static RequestPostProcessor finance() { return user("fred").roles("FINANCE"); }

    private static RequestPostProcessor operator() { return user("alice").roles("OPERATOR"); }

    @Test
    @DisplayName("not logged in: every page and action redirects to /login; / redirects to /runs")
    void notLoggedIn() throws Exception {
        for (String p : PAGES) {
            MvcResult r = mvc.perform(get(p)).andReturn();
            assertThat(r.getResponse().getStatus()).as(p).isEqualTo(302);
            assertThat(r.getResponse().getRedirectedUrl()).as(p).endsWith("/login");
        }
        for (String a : ACTIONS) assertThat(mvc.perform(get(a)).andReturn().getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(mvc.perform(get("/").with(finance())).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/runs");
        assertThat(mvc.perform(get("/login")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    @DisplayName("FINANCE reads every page and downloads files; the pages show the sample week")
    void financeReads() throws Exception {
        for (String p : PAGES) {
            assertThat(mvc.perform(get(p).with(finance())).andReturn().getResponse().getStatus()).as(p).isEqualTo(200);
        }
        String runs = body(get("/runs").with(finance()));
        assertThat(runs).contains("2026-11-02", "2026-11-06", "COMPLETED").doesNotContain("Run the next date");
        assertThat(body(get("/dates/2026-11-02").with(finance())))
                .contains("subscriptions.csv", "invoice-lines.csv", "manifest.json", "EUR", "id=\"manifest-outputs\"",
                        "7913.40");
        String withExceptions = body(get("/dates/" + dateWithMostExceptions().date()).with(finance()));
        assertThat(withExceptions).contains("<svg", "id=\"groups\"", "exceptions.csv");
        assertThat(body(get("/subscriptions/sub-0001").with(finance()))).contains("sub-0001", "R1: S = ", "commerce");
        assertThat(body(get("/reconciliation/2026-11").with(finance()))).contains("Not reconciled yet");
        assertThat(mvc.perform(get("/dates/2026-11-02/files/..%2F..%2Fpom.xml").with(finance())).andReturn()
                .getResponse().getStatus()).isIn(400, 404);
        assertThat(mvc.perform(get("/dates/2026-13-45").with(finance())).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/subscriptions/no-such").with(finance())).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    @DisplayName("FINANCE gets 403 on every action (confirmation page and POST), and the refusal is audited")
    void financeCannotAct() throws Exception {
        for (String a : ACTIONS) {
            assertThat(mvc.perform(get(a).with(finance())).andReturn().getResponse().getStatus()).as(a).isEqualTo(403);
            assertThat(mvc.perform(post(a).param("target", "2026-11-07").with(finance()).with(csrf())).andReturn()
                    .getResponse().getStatus()).as(a).isEqualTo(403);
        }
        assertThat(audit()).anyMatch(e -> e.user().equals("fred") && e.outcome().equals("DENIED")
                && e.action().equals("POST /actions/close-month/2026-11"));
    }

    @Test
    @DisplayName("a POST without its CSRF token is refused (403), even for an operator, and nothing starts")
    void csrfRequired() throws Exception {
        long before = f.ctx.getBean(AuditStore.class).count();
        for (String a : ACTIONS) {
            assertThat(mvc.perform(post(a).param("target", "2026-11-07").with(operator())).andReturn().getResponse()
                    .getStatus()).as(a).isEqualTo(403);
        }
        assertThat(audit()).noneMatch(e -> e.outcome().equals("STARTED") && e.at().isAfter(Instant.now().minusSeconds(1))
                && f.ctx.getBean(AuditStore.class).count() == before);
        assertThat(f.ctx.getBean(ConsoleActions.class).current()).isNull();
    }

    @Test
    @DisplayName("an operator's action asks for confirmation, then runs the CLI's code in the background: close-month"
            + " of an incomplete month is refused with the CLI's reason, and both steps are audited")
    void operatorActionAudited() throws Exception {
        assertThat(body(get("/actions/close-month/2026-11").with(operator()))).contains("Confirm", "bin/billing close-month --month 2026-11");
        MvcResult r = mvc.perform(post("/actions/close-month/2026-11").with(operator()).with(csrf())).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/runs");
        awaitIdle();
        List<AuditStore.Event> events = audit();
        assertThat(events).anyMatch(e -> e.user().equals("alice") && e.action().equals("close-month")
                && e.target().equals("2026-11") && e.outcome().equals("STARTED"));
        assertThat(events).anyMatch(e -> e.user().equals("alice") && e.action().equals("close-month")
                && e.outcome().equals("REFUSED") && e.message().contains("cannot be closed before its last day 2026-11-30"));
        assertThat(body(get("/audit").with(finance()))).contains("close-month", "REFUSED");
    }

    @Test
    @DisplayName("issue 12: an operator reconciles a month from its reconciliation page; the report then shows on it")
    void operatorReconcilesAMonth() throws Exception {
        assertThat(body(get("/reconciliation/2026-10").with(operator()))).contains("id=\"reconcile\"");
        assertThat(body(get("/reconciliation/2026-10").with(finance()))).doesNotContain("id=\"reconcile\"");
        assertThat(body(get("/actions/reconcile/2026-10").with(operator())))
                .contains("Confirm", "bin/billing reconcile --month 2026-10", "partner-center");
        MvcResult r = mvc.perform(post("/actions/reconcile/2026-10").with(operator()).with(csrf())).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/runs");
        awaitIdle();
        assertThat(audit()).anyMatch(e -> e.user().equals("alice") && e.action().equals("reconcile")
                && e.target().equals("2026-10") && e.outcome().equals("OK") && e.message().contains("2026-10 reconciled"));
        assertThat(body(get("/reconciliation/2026-10").with(finance())))
                .contains("RECON_BILLED_BEFORE_ACTIVATION", "sub-0037").doesNotContain("Not reconciled yet");
    }

    @Test
    @DisplayName("form login with a database account works; wrong passwords are audited and, after five, the name is"
            + " locked even for the right password")
    void loginAndThrottle() throws Exception {
        MvcResult ok = mvc.perform(formLogin("/login").user("fred").password(ConsoleFixture.PASSWORD)).andReturn();
        assertThat(ok.getResponse().getRedirectedUrl()).isEqualTo("/runs");
        com.marketplacebilling.support.Users.add(home, f.db.url(), "mallory", "finance", ConsoleFixture.PASSWORD);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            MvcResult bad = mvc.perform(formLogin("/login").user("mallory").password("guess " + i)).andReturn();
            assertThat(bad.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
        }
        MvcResult locked = mvc.perform(formLogin("/login").user("mallory").password(ConsoleFixture.PASSWORD)).andReturn();
        assertThat(locked.getResponse().getRedirectedUrl()).as("locked after 5 failures").isEqualTo("/login?error");
        assertThat(audit()).anyMatch(e -> e.user().equals("mallory") && e.action().equals("login") && e.outcome().equals("FAILED"));
        assertThat(audit()).anyMatch(e -> e.user().equals("fred") && e.action().equals("login") && e.outcome().equals("OK"));
    }

    @Test
    @DisplayName("stores: runs with counts and net per currency, a date's exception groups and filtered page, a"
            + " subscription's versions, events and lines, month totals")
    void stores() {
        RunsView runs = f.ctx.getBean(RunsView.class);
        List<RunsView.Run> list = runs.runs(10);
        assertThat(list).extracting(RunsView.Run::date).containsExactly(LocalDate.parse("2026-11-06"),
                LocalDate.parse("2026-11-05"), LocalDate.parse("2026-11-04"), LocalDate.parse("2026-11-03"),
                LocalDate.parse("2026-11-02"));
        RunsView.Run first = runs.run(dateWithMostExceptions().date());
        assertThat(first.state()).isEqualTo(RunState.COMPLETED);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.exceptions()).isPositive();
        assertThat(first.rowsIn()).isPositive();
        assertThat(first.lines()).isPositive();
        assertThat(runs.run(LocalDate.parse("2026-11-02")).netPerCurrency()).containsKey("EUR");
        assertThat(runs.nextDate()).isEqualTo(LocalDate.parse("2026-11-07"));
        List<RunsView.ExceptionGroup> groups = runs.exceptionGroups(first.date());
        long total = groups.stream().mapToLong(RunsView.ExceptionGroup::count).sum();
        assertThat(total).isEqualTo(first.exceptions());
        RunsView.ExceptionGroup g = groups.get(0);
        RunsView.ExceptionFilter byCode = new RunsView.ExceptionFilter(null, g.code(), null);
        assertThat(runs.countExceptions(first.date(), byCode)).isEqualTo(g.count());
        assertThat(runs.exceptions(first.date(), byCode, 1000, 0)).allMatch(e -> e.code().equals(g.code()));
        assertThat(runs.countExceptions(first.date(), new RunsView.ExceptionFilter(null, null, "%"))).as("% is literal").isZero();

        SubscriptionStoryView story = f.ctx.getBean(SubscriptionStoryView.class);
        assertThat(story.search("cust-1001", 10)).extracting(SubscriptionStoryView.Match::subscriptionId).contains("sub-0001", "sub-0002");
        assertThat(story.search("ord-260301", 10)).extracting(SubscriptionStoryView.Match::subscriptionId).containsExactly("sub-0001");
        assertThat(story.commerce("sub-0001")).isNotEmpty();
        assertThat(story.events("sub-0001")).isNotEmpty();
        BigDecimal linesTotal = story.lines("sub-0001").stream().map(SubscriptionStoryView.LineRow::subtotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(linesTotal.signum()).isPositive();

        MonthsView months = f.ctx.getBean(MonthsView.class);
        long lines = months.totals().stream().mapToLong(MonthsView.MonthTotal::lines).sum();
        assertThat(lines).isEqualTo(list.stream().mapToLong(RunsView.Run::lines).sum());
    }

    @Test
    @DisplayName("security headers on every answer over real HTTP: CSP without inline script, frame-ancestors none,"
            + " X-Frame-Options DENY, nosniff; the console answers on 127.0.0.1")
    void headers() throws Exception {
        for (String p : List.of("/login", "/css/console.css", "/runs")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(f.url(p)))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(p).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(p).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(p).hasValue("nosniff");
        }
        assertThat(f.ctx.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
        java.net.InetAddress external = ScheduleLockdownTest.nonLoopbackAddress();
        if (external != null) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(external, f.port), 2000);
                org.assertj.core.api.Assertions.fail("the console answered on " + external);
            } catch (java.net.ConnectException expected) {
                // nothing listens there
            }
        }
    }

    @Test
    @DisplayName("a console action takes the CLI's run lock: while another process holds it, run-next is refused with"
            + " the CLI's message and nothing runs")
    void actionsShareTheRunLock() throws Exception {
        org.springframework.jdbc.datasource.DriverManagerDataSource other =
                new org.springframework.jdbc.datasource.DriverManagerDataSource(f.db.url(), "postgres", "");
        try (com.marketplacebilling.ledger.RunLock lock = com.marketplacebilling.ledger.RunLock.tryAcquire(other)) {
            assertThat(lock).isNotNull();
            assertThat(body(get("/actions/run-next").with(operator()))).contains("bin/billing run --date 2026-11-07");
            mvc.perform(post("/actions/run-next").param("target", "2026-11-07").with(operator()).with(csrf()));
            awaitIdle();
        }
        assertThat(audit()).anyMatch(e -> e.action().equals("run") && e.target().equals("2026-11-07")
                && e.outcome().equals("REFUSED") && e.message().contains("a run is in progress"));
        assertThat(f.ctx.getBean(RunsView.class).run(LocalDate.parse("2026-11-07"))).isNull();
    }

    @Test
    @DisplayName("a running date: the runs page refreshes itself and shows each step's rows done, expected total, rate"
            + " and time left from the job repository (the CLI progress's source)")
    void progressOfARunningDate() throws Exception {
        List<RunProgress.Step> done = f.ctx.getBean(RunProgress.class).of(LocalDate.parse("2026-11-02"));
        assertThat(done).extracting(RunProgress.Step::step).contains("checkFeeds", "loadCommerce", "loadFulfillment", "publish");
        RunProgress.Step commerce = done.stream().filter(s -> s.step().equals("loadCommerce")).findFirst().orElseThrow();
        assertThat(commerce.done()).isEqualTo(44);
        assertThat(commerce.expected()).isPositive();
        assertThat(commerce.left()).as("finished: nothing left").isNull();
        // make the newest date look as if its process were running its bill step now
        String date = "2026-11-06";
        String execution = "(SELECT max(x.job_execution_id) FROM batch_job_execution x JOIN batch_job_execution_params p"
                + " ON p.job_execution_id = x.job_execution_id WHERE p.parameter_name = 'businessDate'"
                + " AND p.parameter_value = '" + date + "')";
        try (java.sql.Connection c = f.db.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("UPDATE business_run SET status = 'STARTED' WHERE business_date = '" + date + "'");
            st.execute("UPDATE batch_job_execution SET status = 'STARTED' WHERE job_execution_id = " + execution);
            st.execute("UPDATE batch_step_execution SET status = 'STARTED', end_time = NULL, start_time = now() - interval '2 seconds'"
                    + " WHERE job_execution_id = " + execution + " AND step_name LIKE 'billSlice%'");
            try {
                String runs = body(get("/runs").with(finance()));
                assertThat(runs).contains("http-equiv=\"refresh\"", "In progress", "billSlice", "RUNNING");
                assertThat(body(get("/dates/" + date).with(finance()))).contains("http-equiv=\"refresh\"", "billSlice");
            } finally {
                st.execute("UPDATE batch_step_execution SET status = 'COMPLETED', end_time = now()"
                        + " WHERE job_execution_id = " + execution + " AND step_name LIKE 'billSlice%'");
                st.execute("UPDATE batch_job_execution SET status = 'COMPLETED' WHERE job_execution_id = " + execution);
                st.execute("UPDATE business_run SET status = 'COMPLETED' WHERE business_date = '" + date + "'");
            }
        }
    }

    @Test
    @DisplayName("a line's explanation from the ledger (where it is stored with the line), and the month's published"
            + " reconciliation summary and differences by code, each linking its subscription")
    void publishedExplanationsAndReconciliation() throws Exception {
        var stored = f.ctx.getBean(com.marketplacebilling.ledger.ExplanationStore.class).lines("sub-0001", null).get(0);
        var e = stored.explanation();
        String sentence = com.marketplacebilling.explain.ExplanationText.sentence(stored.line(), e);
        assertThat(body(get("/subscriptions/sub-0001").with(finance())))
                .contains(sentence.substring(0, Math.min(30, sentence.length())))
                .contains("rule " + e.rule().code() + "; " + e.remainingDays() + "/" + e.cycleDays() + " days");
        java.nio.file.Path rec = java.nio.file.Files.createDirectories(f.outbox.resolve("reconciliation/2026-10"));
        java.nio.file.Files.writeString(rec.resolve("reconciliation-summary.csv"), "Currency,MicrosoftRows,MicrosoftTotal,"
                + "OurLines,OurTotal,Matched,MatchedTotal,Differences,DifferenceTotal,OnlyMicrosoft,OnlyMicrosoftTotal,"
                + "OnlyOurs,OnlyOursTotal\nEUR,2,200.00,2,201.00,1,100.80,1,-1.00,0,0.00,0,0.00\n");
        java.nio.file.Files.writeString(rec.resolve("reconciliation.csv"), "Status,Code,Severity,SubscriptionId,CustomerId,"
                + "ChargeType,ChargeStartDate,ChargeEndDate,Direction,Quantity,Currency,OurSubtotal,MicrosoftSubtotal,"
                + "Difference,OurLineId,OurInvoiceNumber,MicrosoftFile,MicrosoftLine,MicrosoftInvoiceNumber,ReferenceId,"
                + "Message\nDIFFERENT,RECON_AMOUNT_DIFFERS,ERROR,sub-0002,cust-1001,renew,2026-11-04,2026-12-03,charge,5,"
                + "EUR,120.00,119.00,-1.00,L-1,INV-1,ms.csv,7,G1,r,amounts differ\nMATCHED,,,sub-0001,cust-1001,renew,"
                + "2026-11-03,2026-12-02,charge,10,EUR,100.80,100.80,0.00,L-2,INV-2,ms.csv,8,G1,r,\n");
        String page = body(get("/reconciliation/2026-10").with(finance()));
        assertThat(page).doesNotContain("Not reconciled yet").contains("RECON_AMOUNT_DIFFERS", "/subscriptions/sub-0002",
                "119.00", "201.00");
        assertThat(body(get("/reconciliation/2026-10/files/reconciliation.csv").with(finance()))).contains("RECON_AMOUNT_DIFFERS");
    }

    @Test
    @DisplayName("an operator closes a complete month from the console: the CLI's files are written, the month shows"
            + " as closed with its files to download, and closing it again is refused as the CLI refuses it")
    void closeMonthFromTheConsole() throws Exception {
        mvc.perform(post("/actions/close-month/2026-10").with(operator()).with(csrf()));
        awaitIdle();
        assertThat(audit()).anyMatch(e -> e.action().equals("close-month") && e.target().equals("2026-10")
                && e.outcome().equals("OK") && e.message().contains("2026-10 closed"));
        String month = body(get("/months/2026-10").with(finance()));
        assertThat(month).contains("closed", "invoices.csv", "/months/2026-10/files/invoice-lines.csv");
        assertThat(body(get("/months/2026-10/files/invoices.csv").with(finance()))).startsWith("InvoiceNumber");
        mvc.perform(post("/actions/close-month/2026-10").with(operator()).with(csrf()));
        awaitIdle();
        assertThat(audit()).anyMatch(e -> e.action().equals("close-month") && e.target().equals("2026-10")
                && e.outcome().equals("REFUSED") && e.message().contains("closed already"));
    }

    private RunsView.Run dateWithMostExceptions() {
        return f.ctx.getBean(RunsView.class).runs(10).stream()
                .max(java.util.Comparator.comparingLong(RunsView.Run::exceptions)).orElseThrow();
    }

    private String body(org.springframework.test.web.servlet.RequestBuilder rb) throws Exception {
        MvcResult r = mvc.perform(rb).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    private List<AuditStore.Event> audit() { return f.ctx.getBean(AuditStore.class).recent(1000, 0); }

    private void awaitIdle() throws InterruptedException {
        ConsoleActions actions = f.ctx.getBean(ConsoleActions.class);
        Instant end = Instant.now().plusSeconds(60);
        while (actions.current() != null && Instant.now().isBefore(end)) Thread.sleep(100);
        assertThat(actions.current()).isNull();
    }
}
