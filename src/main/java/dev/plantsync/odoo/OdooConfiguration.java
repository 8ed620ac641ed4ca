package dev.plantsync.odoo;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The application's Odoo client, connected on first use so that commands not touching Odoo never need it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OdooSettings.class)
class OdooConfiguration {

    @Bean
    @Lazy
    OdooClient odooClient(OdooSettings settings, MeterRegistry registry) {
        return OdooConnector.connect(settings, registry);
    }
}
