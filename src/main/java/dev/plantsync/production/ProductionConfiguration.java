package dev.plantsync.production;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The plant loop's settings, shared by its two jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProductionSettings.class)
class ProductionConfiguration {
}
