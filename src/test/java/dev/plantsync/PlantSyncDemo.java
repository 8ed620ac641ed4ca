package dev.plantsync;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plantsync.operations.cli.ExitCodes;
import dev.plantsync.operations.cli.PlantSyncCommand;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The README's demo ({@code ./mvnw -q spring-boot:test-run}): everything embedded, nothing to configure. It runs the
 * reference job into a simulated crash, then restarts it from its last committed chunk as an operator would; then it
 * checks the Odoo simulator's demo company and takes two suppliers' EDI invoices from the embedded SFTP server.
 * The supplier invoice posting job joins here when it lands.
 */
public final class PlantSyncDemo {

    private PlantSyncDemo() {
    }

    public static void main(String[] args) {
        int exit;
        try (ConfigurableApplicationContext context = PlantSyncApplication.builder(false)
                .properties("plantsync.db.name=plantsync_demo", "logging.level.dev.plantsync=WARN",
                        "logging.level.org.springframework.batch=OFF")
                .run()) {
            CommandLine cli = PlantSyncCommand.commandLine(() -> context);
            PrintWriter out = new PrintWriter(System.out, true);
            String run = "demoRun=" + System.currentTimeMillis();
            out.println("== 1. plantsync run demo (20,000 rows, crash planted at row 12,345)");
            StringCapture first = new StringCapture();
            int code = cli.setOut(first.writer()).execute("run", "demo", "-p", "items=20000", "-p", "failAt=12345",
                    "-p", "businessDate=" + LocalDate.now(), "-p", run);
            out.print(first);
            out.println("   exit code " + code + " (3 = failed)");
            out.println();
            out.println("== 2. plantsync jobs restart " + first.executionId() + " (continues after the last committed chunk)");
            StringCapture second = new StringCapture();
            exit = cli.setOut(second.writer()).execute("jobs", "restart", String.valueOf(first.executionId()));
            out.print(second);
            out.println("   exit code " + exit + " (0 = completed)");
            out.println();
            PartnerIntakeDemo.run(context, out);
        }
        System.exit(exit == ExitCodes.COMPLETED ? 0 : exit);
    }

    private static final class StringCapture {
        private final java.io.StringWriter text = new java.io.StringWriter();

        PrintWriter writer() {
            return new PrintWriter(text, true);
        }

        long executionId() {
            Matcher m = Pattern.compile("execution (\\d+) of job").matcher(text.toString());
            if (!m.find()) {
                throw new IllegalStateException("no execution in: " + text);
            }
            return Long.parseLong(m.group(1));
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
