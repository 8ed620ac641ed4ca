package dev.plantsync.operations.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Runs the scheduler, the REST API and actuator until the process is told to stop. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Quartz scheduler, the REST API and actuator until stopped (SIGTERM).")
class ServerCommand implements Callable<Integer> {

    @ParentCommand
    PlantSyncCommand root;

    @Override
    public Integer call() throws InterruptedException {
        ConfigurableApplicationContext context = (ConfigurableApplicationContext) root.context.get();
        CountDownLatch closed = new CountDownLatch(1);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (context.isActive()) {
            closed.await();
        }
        return ExitCodes.COMPLETED;
    }
}
