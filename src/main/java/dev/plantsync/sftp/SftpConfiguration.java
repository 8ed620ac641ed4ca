package dev.plantsync.sftp;

import java.time.Clock;

import dev.plantsync.platform.ConfigDir;
import dev.plantsync.platform.FlowLatency;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pickup machinery as the jobs use it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SftpSettings.class)
class SftpConfiguration {

    @Bean
    PartnerRegistry partnerRegistry(org.springframework.core.env.Environment env) {
        // plantsync.sftp.partners-file when set (by any property source), else jobs/partners.yml in the config dir
        return PartnerRegistry.load(ConfigDir.from(env).partnersFile(env));
    }

    @Bean
    InboundFiles inboundFiles(JdbcClient jdbc) {
        return new InboundFiles(jdbc);
    }

    @Bean
    FilePickup filePickup(SftpSettings settings, InboundFiles files, Clock clock, FlowLatency latency) {
        return new FilePickup(settings.connector(), new LocalStore(settings.dataDir()), files,
                settings.stabilityInterval(), clock, settings.attempts(), latency);
    }
}
