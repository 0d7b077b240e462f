package com.marketplacebilling.console;

import com.marketplacebilling.cli.CommandLine;
import com.marketplacebilling.cli.CommandSettings;
import com.marketplacebilling.cli.ConsoleCommand;
import com.marketplacebilling.ops.Settings;
import com.marketplacebilling.support.Cli;
import com.marketplacebilling.support.TestDatabase;
import com.marketplacebilling.support.Users;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** A console on a random loopback port over a ledger that billed the sample week, with one user per role. */
final class ConsoleFixture implements AutoCloseable {
    static final String PASSWORD = "a long test password";
    final TestDatabase db;
    final Path home;
    final Path inbox;
    final Path outbox;
    final ConfigurableApplicationContext ctx;
    final int port;

    private ConsoleFixture(TestDatabase db, Path home, Path inbox, Path outbox, ConfigurableApplicationContext ctx) {
        this.db = db;
        this.home = home;
        this.inbox = inbox;
        this.outbox = outbox;
        this.ctx = ctx;
        this.port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

    /** Runs {@code from..to} of the inbox (null: nothing), adds alice (operator) and fred (finance), starts the console. */
    static ConsoleFixture start(Path home, Path inbox, String from, String to) {
        TestDatabase db = TestDatabase.create();
        Path outbox = home.resolve("out");
        Cli cli = new Cli(home, db.url());
        if (from != null) {
            Cli.Result r = cli.run("run", "--from", from, "--to", to, "--inbox", inbox.toString(), "--outbox", outbox.toString());
            if (r.exitCode() != 0) throw new AssertionError("sample week: " + r.all());
        }
        Users.add(home, db.url(), "alice", "operator", PASSWORD);
        Users.add(home, db.url(), "fred", "finance", PASSWORD);
        Settings s = CommandSettings.resolve(CommandLine.parse(new String[] {"console", "--inbox", inbox.toString(), "--outbox",
                outbox.toString()}), Map.of(), home, home);
        ConfigurableApplicationContext ctx = ConsoleCommand.start(s, Map.of("spring.datasource.username", "postgres"),
                new String[] {"--spring.datasource.url=" + db.url(), "--server.port=0"});
        return new ConsoleFixture(db, home, inbox, outbox, ctx);
    }

    static Path sampleData() { return Cli.repository().resolve("sample-data"); }

    String url(String path) { return "http://127.0.0.1:" + port + path; }

    @Override
    public void close() {
        try {
            ctx.close();
        } finally {
            db.close();
        }
    }
}
