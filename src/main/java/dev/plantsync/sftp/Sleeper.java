package dev.plantsync.sftp;

import java.time.Duration;

/** Waits between the two listings that tell a complete file from one still being written (tests count the waits). */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
