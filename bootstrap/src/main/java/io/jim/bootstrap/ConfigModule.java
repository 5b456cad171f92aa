package io.jim.bootstrap;

import com.google.inject.AbstractModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/** The configuration and the process-wide metrics registry. */
public final class ConfigModule extends AbstractModule {

    private final JimConfig config;
    private final PrometheusMeterRegistry meters;

    public ConfigModule(JimConfig config, PrometheusMeterRegistry meters) {
        this.config = Objects.requireNonNull(config, "config");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    @Override
    protected void configure() {
        bind(JimConfig.class).toInstance(config);
        bind(PrometheusMeterRegistry.class).toInstance(meters);
        bind(MeterRegistry.class).toInstance(meters);
    }
}
