package com.marketplacebilling.cli;

import com.marketplacebilling.BillingApplication;
import com.marketplacebilling.console.ConsoleProfile;
import com.marketplacebilling.ops.Outcome;
import com.marketplacebilling.ops.Settings;
import java.io.PrintStream;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/billing console}: the web console alone (profile "console"), on 127.0.0.1:8089 unless
 * {@code --server.address}/{@code --server.port} say otherwise; stays up until SIGTERM or Ctrl-C.
 * {@code bin/billing schedule} activates the same profile, so the scheduler process serves the console too.
 */
public final class ConsoleCommand {

    private ConsoleCommand() {}

    /** Starts the console's Spring context (tests use it directly); the caller closes it. */
    public static ConfigurableApplicationContext start(Settings settings, Map<String, Object> defaults, String[] springArgs) {
        return new SpringApplicationBuilder(BillingApplication.class).profiles(ConsoleProfile.NAME).properties(defaults)
                .logStartupInfo(false).registerShutdownHook(false)
                .initializers(c -> c.getBeanFactory().registerSingleton("consoleSettings", settings))
                .run(springArgs);
    }

    public static Outcome run(Settings settings, Map<String, Object> defaults, String[] springArgs,
                              AutoCloseable afterStop, PrintStream out) throws Exception {
        return UntilStopped.run("console", stopRequested -> {
            try (ConfigurableApplicationContext ctx = start(settings, defaults, springArgs)) {
                out.println("console on http://" + ctx.getEnvironment().getProperty("server.address", "127.0.0.1") + ":"
                        + ctx.getEnvironment().getProperty("local.server.port", "?") + "/ (log in with an account made by"
                        + " bin/billing user add NAME --role operator|finance); stop with SIGTERM or Ctrl-C");
                out.flush();
                stopRequested.await();
            }
        }, afterStop, out);
    }
}
