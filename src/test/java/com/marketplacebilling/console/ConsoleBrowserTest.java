package com.marketplacebilling.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.marketplacebilling.ledger.SubscriptionStoryView;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.Slow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in real headless Chromium (Debian's chromium and chromium-driver; the driver is never
 * downloaded). Saves a screenshot of each page under target/screenshots for review and docs/console.md.
 */
@Slow
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");
    @TempDir
    static Path home;
    @TempDir
    static Path profile;
    private ConsoleFixture f;
    private Path inbox;

    @BeforeAll
    void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: the browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
        inbox = home.resolve("inbox");
        try (Stream<Path> days = Files.list(ConsoleFixture.sampleData())) {
            for (Path d : days.filter(Files::isDirectory).toList()) copyDay(d, inbox.resolve(d.getFileName().toString()));
        }
        f = ConsoleFixture.start(home, inbox, "2026-11-02", "2026-11-06");
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stop() {
        if (f != null) f.close();
    }

    private WebDriver browser() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        // as root in a container: no sandbox; a fresh profile per browser
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--user-data-dir=" + profile.resolve("p" + System.nanoTime()));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return d;
    }

    private void login(WebDriver d, String user) {
        d.get(f.url("/runs"));
        assertThat(d.getCurrentUrl()).endsWith("/login");
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
        d.findElement(By.id("login")).click();
        awaitUrl(d, "/runs"); // the saved request: /runs?continue
    }

    private static void shot(WebDriver d, String name) throws IOException {
        Path png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @DisplayName("finance: log in, see the week's runs, open a date, filter its exceptions, open a subscription's story"
            + " and find a line's amount as billed")
    void financeReads() throws Exception {
        WebDriver d = browser();
        try {
            d.get(f.url("/login"));
            shot(d, "01-login");
            login(d, "fred");
            assertThat(d.findElement(By.id("runs")).getText()).contains("2026-11-02", "2026-11-06", "COMPLETED");
            assertThat(d.findElements(By.id("run-next"))).as("finance has no action buttons").isEmpty();
            shot(d, "02-runs");

            String date = "2026-11-06";
            d.findElement(By.linkText(date)).click();
            awaitUrl(d, "/dates/");
            assertThat(d.findElement(By.id("state")).getText()).isEqualTo("COMPLETED");
            assertThat(d.findElement(By.id("inputs")).getText()).contains("subscriptions.csv");
            shot(d, "03-date");
            List<org.openqa.selenium.WebElement> codes = d.findElements(By.cssSelector("#groups a"));
            if (!codes.isEmpty()) {
                assertThat(d.findElements(By.id("chart"))).hasSize(1);
                String code = codes.get(0).getText();
                d.findElement(By.name("code")).sendKeys(code);
                d.findElement(By.id("apply-filter")).click();
                awaitUrl(d, "code=");
                List<org.openqa.selenium.WebElement> rows = d.findElements(By.cssSelector("#exceptions tr"));
                assertThat(rows.size()).isGreaterThan(1);
                for (org.openqa.selenium.WebElement r : rows.subList(1, rows.size())) assertThat(r.getText()).contains(code);
                shot(d, "04-date-filtered");
            }

            d.findElement(By.name("q")).sendKeys("sub-0001");
            d.findElement(By.name("q")).submit();
            awaitUrl(d, "/subscriptions/sub-0001");
            SubscriptionStoryView.LineRow line = f.ctx.getBean(SubscriptionStoryView.class).lines("sub-0001").get(0);
            String cell = d.findElement(By.cssSelector("#line-" + line.lineId() + " .subtotal")).getText();
            assertThat(cell).isEqualTo(line.subtotal().toPlainString() + " " + line.currency());
            assertThat(d.findElement(By.id("billing-start")).getText()).contains("R1: S = ");
            shot(d, "05-subscription");

            d.findElement(By.linkText("Months")).click();
            awaitUrl(d, "/months");
            assertThat(d.findElement(By.id("months")).getText()).contains("2026-");
            shot(d, "06-months");
            d.get(f.url("/reconciliation/2026-11"));
            shot(d, "07-reconciliation");
            d.get(f.url("/actions/abandon/2026-11-06"));
            assertThat(d.getPageSource()).contains("403");
        } finally {
            d.quit();
        }
    }

    @Test
    @DisplayName("operator: abandon a failed date, restart another failed date once its file is fixed, and see it complete;"
            + " both actions are on the audit page")
    void operatorAbandonsAndRestarts() throws Exception {
        Cli cli = new Cli(home, f.db.url());
        breakDay("2026-11-07");
        Cli.Result failed = cli.run("run", "--date", "2026-11-07", "--inbox", inbox.toString(), "--outbox", f.outbox.toString());
        assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);

        WebDriver d = browser();
        try {
            login(d, "alice");
            assertThat(d.findElement(By.id("run-2026-11-07")).getText()).contains("FAILED")
                    .as("the failing step's message, naming the file").contains("subscriptions.csv");
            shot(d, "08-runs-failed");
            d.findElement(By.id("abandon-2026-11-07")).click();
            awaitUrl(d, "/actions/abandon");
            shot(d, "09-confirm");
            d.findElement(By.id("confirm")).click();
            awaitState(d, "2026-11-07", "ABANDONED");

            breakDay("2026-11-08");
            failed = cli.run("run", "--date", "2026-11-08", "--inbox", inbox.toString(), "--outbox", f.outbox.toString());
            assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
            copyDay(ConsoleFixture.sampleData().resolve("2026-11-06"), inbox.resolve("2026-11-08")); // the fix
            d.get(f.url("/runs"));
            d.findElement(By.id("restart-2026-11-08")).click();
            awaitUrl(d, "/actions/restart");
            d.findElement(By.id("confirm")).click();
            awaitState(d, "2026-11-08", "COMPLETED");
            shot(d, "10-runs-restarted");

            d.findElement(By.linkText("Audit")).click();
            awaitUrl(d, "/audit");
            String audit = d.findElement(By.id("audit")).getText();
            assertThat(audit).contains("abandon", "restart", "alice", "OK");
            shot(d, "11-audit");
        } finally {
            d.quit();
        }
    }

    /** A click on a submit button may return before the POST and its redirect are done. */
    private static void awaitUrl(WebDriver d, String part) {
        new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> x.getCurrentUrl().contains(part));
    }

    /** Waits for the runs page (it refreshes itself) to show the date in that state. */
    private void awaitState(WebDriver d, String date, String state) {
        awaitUrl(d, "/runs"); // the action redirects to the runs page
        new WebDriverWait(d, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(500)).until(x -> {
            List<org.openqa.selenium.WebElement> row = x.findElements(By.id("run-" + date));
            if (!row.isEmpty() && row.get(0).getText().contains(state)) return true;
            x.get(f.url("/runs"));
            return false;
        });
    }

    /** A date whose subscriptions.csv lacks a required column: the run starts and fails (the operator must look). */
    private void breakDay(String date) throws IOException {
        Path day = Files.createDirectories(inbox.resolve(date));
        copyDay(ConsoleFixture.sampleData().resolve("2026-11-06"), day);
        Path subs = day.resolve("subscriptions.csv");
        List<String> lines = Files.readAllLines(subs);
        lines.set(0, lines.get(0).replace("currency", "curency"));
        Files.write(subs, lines);
    }

    private static void copyDay(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : files.toList()) Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
