package dev.plantsync.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The whole application as a command-line node (no web server, no scheduler) on a fresh database of its own. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"plantsync.scheduler.enabled=false", "plantsync.jobs.async=false"})
@ActiveProfiles("test")
public @interface PlantSyncTest {
}
