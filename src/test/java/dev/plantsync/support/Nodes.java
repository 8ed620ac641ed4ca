package dev.plantsync.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.plantsync.PlantSyncApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts PlantSync scheduler nodes (no web server) in this JVM, as several servers sharing one database would run. */
public final class Nodes {

    private Nodes() {
    }

    public static ConfigurableApplicationContext schedulerNode(TestDatabases.FreshDatabase db, Path schedulesDir,
            String... extra) {
        List<String> args = new ArrayList<>();
        for (String p : db.properties()) {
            args.add("--" + p);
        }
        args.add("--plantsync.scheduler.enabled=true");
        args.add("--plantsync.jobs.async=true");
        args.add("--plantsync.schedules.dir=" + schedulesDir);
        args.add("--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
        args.add("--logging.level.root=WARN");
        for (String p : extra) {
            args.add("--" + p);
        }
        return PlantSyncApplication.builder(false).run(args.toArray(String[]::new));
    }
}
