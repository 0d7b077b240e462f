package com.marketplacebilling.schedule;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Keeps the commands other than {@code schedule} as lean as before the scheduler existed: outside the
 * "schedule" profile, the auto-configurations of Quartz (its threads would keep a command's JVM alive), the
 * web server, Actuator and Micrometer are dropped before their conditions are even evaluated.
 * Registered in META-INF/spring.factories.
 */
public class ScheduleOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {
    private static final List<String> PACKAGES = List.of("actuate", "health", "micrometer", "webmvc", "tomcat",
            "servlet", "http", "jackson", "quartz",
            "security", "thymeleaf");
    private static final List<String> PARTS = List.of(".health.", ".metrics.", ".observation.");
    private boolean scheduleMode;

    @Override
    public void setEnvironment(Environment environment) {
        // the console (its own command, and inside schedule) needs the web server, security and Thymeleaf
        scheduleMode = environment.acceptsProfiles(Profiles.of(ScheduleProfile.NAME,
                com.marketplacebilling.console.ConsoleProfile.NAME));
    }

    @Override
    public boolean[] match(String[] classes, AutoConfigurationMetadata metadata) {
        boolean[] match = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) match[i] = scheduleMode || classes[i] == null || !scheduleOnly(classes[i]);
        return match;
    }

    static boolean scheduleOnly(String autoConfiguration) {
        for (String p : PACKAGES) if (autoConfiguration.startsWith("org.springframework.boot." + p + ".")) return true;
        for (String p : PARTS) if (autoConfiguration.contains(p)) return true;
        return autoConfiguration.endsWith("EndpointAutoConfiguration");
    }
}
