package com.marketplacebilling.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.marketplacebilling.support.ChildCli;
import com.marketplacebilling.support.Slow;
import com.marketplacebilling.support.TestDatabase;
import com.marketplacebilling.support.Users;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, defect 1: {@code bin/billing schedule} as a real process. Before: all interfaces, the Quartz endpoint
 * fired a run for anyone, health details for anyone. Now: loopback only, no acting endpoint, details only when
 * logged in.
 */
@Slow
class ScheduleLockdownTest {
    private static final Pattern PORT = Pattern.compile("health and metrics on http port (\\d+) of (\\S+)");
    @TempDir
    Path tmp;

    @Test
    @DisplayName("schedule listens on 127.0.0.1 only; the Quartz endpoint is refused without and with a login;"
            + " health shows only the status to anyone, details to a logged-in user; metrics need a login")
    void scheduleIsLockedDown() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Users.add(tmp, db.url(), "ops", "operator", ConsoleFixture.PASSWORD);
            Path jobs = Files.createDirectories(tmp.resolve("jobs"));
            Files.writeString(jobs.resolve("nightly.properties"),
                    "job=nightly-billing\ncron=0 0 3 * * ?\ntime-zone=UTC\nbusiness-date=yesterday\n");
            Path log = tmp.resolve("schedule.log");
            Process p = ChildCli.start(log, "schedule", "--jobs", jobs.toString(), "--inbox", tmp.resolve("in").toString(),
                    "--outbox", tmp.resolve("out").toString(), "--spring.datasource.url=" + db.url(), "--server.port=0");
            try {
                Matcher m = awaitStarted(p, log);
                int port = Integer.parseInt(m.group(1));
                assertThat(m.group(2)).isEqualTo("127.0.0.1");
                InetAddress external = nonLoopbackAddress();
                if (external != null) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(external, port), 2000);
                        fail("the scheduler's port answered on " + external);
                    } catch (ConnectException expected) {
                        // refused: nothing listens there
                    }
                }
                String auth = "Basic " + Base64.getEncoder().encodeToString(("ops:" + ConsoleFixture.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> fire = send(HttpRequest.newBuilder(uri(port, "/actuator/quartz/jobs/billing/nightly-billing"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"running\"}")));
                assertThat(fire.statusCode()).as("anonymous POST to the Quartz endpoint").isIn(401, 403);
                HttpResponse<String> fireLoggedIn = send(HttpRequest.newBuilder(uri(port, "/actuator/quartz/jobs/billing/nightly-billing"))
                        .header("Content-Type", "application/json").header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"running\"}")));
                assertThat(fireLoggedIn.statusCode()).as("an operator's POST to the Quartz endpoint").isIn(403, 404, 405);
                assertThat(send(HttpRequest.newBuilder(uri(port, "/actuator/quartz")).header("Authorization", auth)).statusCode())
                        .as("the Quartz endpoint is not exposed").isEqualTo(404);
                assertThat(send(HttpRequest.newBuilder(uri(port, "/actuator/shutdown")).header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isIn(403, 404, 405);

                HttpResponse<String> health = send(HttpRequest.newBuilder(uri(port, "/actuator/health")));
                // nothing was ever billed on this ledger, so billing itself is behind: OUT_OF_SERVICE (HTTP 503)
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"status\":\"OUT_OF_SERVICE\"")
                        .doesNotContain("components", "instanceId", "diskSpace", "path", "reason");
                HttpResponse<String> details = send(HttpRequest.newBuilder(uri(port, "/actuator/health")).header("Authorization", auth));
                assertThat(details.body()).contains("components", "scheduler", "billing", "waiting for feeds of");
                assertThat(send(HttpRequest.newBuilder(uri(port, "/actuator/metrics"))).statusCode()).isEqualTo(401);
                assertThat(send(HttpRequest.newBuilder(uri(port, "/actuator/metrics")).header("Authorization", auth)).statusCode())
                        .isEqualTo(200);
                assertThat(send(HttpRequest.newBuilder(uri(port, "/runs"))).statusCode()).as("console: login first").isEqualTo(302);
                try (var c = db.connect(); var st = c.createStatement();
                     var rs = st.executeQuery("SELECT count(*) FROM batch_job_execution")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("no run was fired").isZero();
                }
            } finally {
                p.destroy();
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    private static URI uri(int port, String path) { return URI.create("http://127.0.0.1:" + port + path); }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Matcher awaitStarted(Process p, Path log) throws Exception {
        Instant end = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(end)) {
            Matcher m = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) return m;
            if (!p.isAlive()) fail("schedule exited with " + p.exitValue() + ":\n" + Files.readString(log));
            Thread.sleep(250);
        }
        return fail("schedule did not start:\n" + Files.readString(log));
    }

    /** An address of this machine other than loopback, or null when it has none. */
    static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!n.isUp() || n.isLoopback()) continue;
            for (InetAddress a : Collections.list(n.getInetAddresses())) if (a instanceof Inet4Address) return a;
        }
        return null;
    }
}
