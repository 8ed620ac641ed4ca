package dev.plantsync.sftp;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pickup settings ({@code plantsync.sftp.*}): where partner files are kept locally, how long a file must stay
 * unchanged to count as complete, timeouts and attempts. The partner registry ({@code plantsync.sftp.partners-file},
 * else {@code jobs/partners.yml} in the config dir) is resolved by {@link dev.plantsync.platform.ConfigDir}.
 */
@ConfigurationProperties("plantsync.sftp")
public record SftpSettings(Path dataDir, Duration stabilityInterval, Duration connectTimeout,
        Duration readTimeout, Integer attempts) {

    public SftpSettings {
        dataDir = dataDir == null ? Path.of(".plantsync", "inbound") : dataDir;
        stabilityInterval = stabilityInterval == null ? Duration.ofSeconds(5) : stabilityInterval;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        attempts = attempts == null ? 4 : attempts;
    }

    public SftpConnector connector() {
        return new SftpConnector(connectTimeout, readTimeout);
    }
}
