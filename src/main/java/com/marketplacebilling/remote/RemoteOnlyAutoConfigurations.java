package com.marketplacebilling.remote;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Local runs (the default) stay as lean as before remote partitioning existed: without
 * {@code billing.partitioning=remote}, Boot's RabbitMQ auto-configurations are dropped before their conditions
 * are evaluated (no connection factory, no broker health check). Registered in META-INF/spring.factories.
 */
public class RemoteOnlyAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {
    private boolean remote;

    @Override
    public void setEnvironment(Environment environment) {
        remote = RemoteSettings.REMOTE.equals(environment.getProperty(RemoteSettings.MODE));
    }

    @Override
    public boolean[] match(String[] classes, AutoConfigurationMetadata metadata) {
        boolean[] match = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            match[i] = remote || classes[i] == null || !classes[i].startsWith("org.springframework.boot.amqp.");
        }
        return match;
    }
}
