package dev.plantsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import dev.plantsync.operations.cli.ExitCodes;
import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.sftp.EmbeddedSftpServer;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The README's demo ({@code ./mvnw -q spring-boot:test-run}): everything embedded, nothing to configure.
 * <ol>
 * <li>the reference job runs into a planted crash and is restarted from its last committed chunk;</li>
 * <li>{@code plantsync odoo check} against the Odoo 19 simulator with the demo company;</li>
 * <li>two suppliers drop invoices on the embedded SFTP server (X12 from Acme, EDIFACT from Baltic Steel) and
 * {@code plantsync run supplier-invoice-posting} posts the matching ones as vendor bills and stops with one invoice
 * waiting for a finance approver.</li>
 * </ol>
 */
public final class PlantSyncDemo {

    private PlantSyncDemo() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("plantsync-demo");
        int exit;
        try (OdooSimulator odoo = OdooSimulator.start(19);
                EmbeddedSftpServer sftp = EmbeddedSftpServer.start(work.resolve("sftp"))) {
            DemoCompany.seed(odoo);
            Path partners = partners(sftp, work);
            Files.writeString(work.resolve("odoo.key"), SimUsers.ADMIN_API_KEY);
            try (ConfigurableApplicationContext context = PlantSyncApplication.builder(false)
                    .properties("plantsync.db.name=plantsync_demo", "logging.level.dev.plantsync=WARN",
                            "logging.level.org.springframework.batch=OFF",
                            "plantsync.odoo.url=" + odoo.url(), "plantsync.odoo.database=" + OdooSimulator.DATABASE,
                            "plantsync.odoo.login=" + SimUsers.ADMIN_LOGIN,
                            "plantsync.odoo.api-key-file=" + work.resolve("odoo.key"),
                            "plantsync.sftp.partners-file=" + partners, "plantsync.sftp.data-dir=" + work.resolve("data"),
                            "plantsync.sftp.stability-interval=PT0.3S")
                    .run()) {
                PrintWriter out = new PrintWriter(System.out, true);
                exit = referenceJob(context, out);
                out.println();
                out.println("== 3. plantsync odoo check (Odoo 19 simulator with the demo company)");
                cli(context, out).execute("odoo", "check");
                out.println();
                invoices(context, odoo, sftp, out);
            }
        }
        System.exit(exit == ExitCodes.COMPLETED ? 0 : exit);
    }

    private static int referenceJob(ConfigurableApplicationContext context, PrintWriter out) {
        String run = "demoRun=" + System.currentTimeMillis();
        out.println("== 1. plantsync run demo (20,000 rows, crash planted at row 12,345)");
        StringWriter first = new StringWriter();
        int code = cli(context, new PrintWriter(first, true)).execute("run", "demo", "-p", "items=20000", "-p",
                "failAt=12345", "-p", "businessDate=" + LocalDate.now(), "-p", run);
        out.print(first);
        out.println("   exit code " + code + " (3 = failed)");
        out.println();
        long id = executionId(first.toString());
        out.println("== 2. plantsync jobs restart " + id + " (continues after the last committed chunk)");
        int exit = cli(context, out).execute("jobs", "restart", String.valueOf(id));
        out.println("   exit code " + exit + " (0 = completed)");
        return exit;
    }

    private static void invoices(ConfigurableApplicationContext context, OdooSimulator odoo, EmbeddedSftpServer sftp,
            PrintWriter out) {
        String run = String.valueOf(System.currentTimeMillis() % 1_000_000_000L);
        drop(sftp, "acme", "x12-810-004010-two-invoices.edi", t -> t.replace("000000905",
                String.format("%09d", Long.parseLong(run))).replace("ACME-INV-", "ACME-" + run + "-"));
        drop(sftp, "baltic", "edifact-invoic-d96a-two-messages.edi", t -> t.replace("BS0001", "BS" + run)
                .replace("BS-INV-", "BS-" + run + "-").replace("CUX+2:EUR:4", "CUX+2:USD:4"));
        out.println("== 4. plantsync run supplier-invoice-posting (Acme: X12 810, Baltic Steel: EDIFACT INVOIC)");
        int code = cli(context, out).execute("run", "supplier-invoice-posting", "-p", "businessDate=" + LocalDate.now(),
                "-p", "demoRun=" + run);
        out.println("   exit code " + code + " (4 = waiting for approval)");
        out.println("   vendor bills in Odoo:");
        for (Map<String, Object> bill : odoo.searchRead("account.move", List.of(List.of("move_type", "=", "in_invoice")),
                List.of("name", "ref", "partner_id", "state", "amount_total"))) {
            out.printf("     %-18s %-22s %-22s %-7s %8s%n", bill.get("name"), bill.get("ref"),
                    ((List<?>) bill.get("partner_id")).get(1), bill.get("state"), bill.get("amount_total"));
        }
        out.println("   waiting for a finance approver (POST /api/approvals/{id}/approve|correct|reject):");
        context.getBean(Approvals.class).pending().stream().filter(r -> r.subject().contains(run)).forEach(r -> out.printf("     #%d %s: %s (impact %s %s)%n", r.id(),
                r.subject(), r.reason(), r.impactAmount(), r.impactCurrency() == null ? "" : r.impactCurrency()));
        out.printf("   acknowledgements sent: acme %s, baltic %s%n", names(sftp.home("acme").resolve("outbound")),
                names(sftp.home("baltic").resolve("outbound")));
    }

    private static Path partners(EmbeddedSftpServer sftp, Path work) {
        return sftp.writePartners(work, "acme", "ACMEFAST", "ACME", "baltic", "4012345000009", "BALTIC");
    }

    private static void drop(EmbeddedSftpServer sftp, String partner, String sample, UnaryOperator<String> personalise) {
        try (InputStream in = PlantSyncDemo.class.getResourceAsStream("/edi/" + sample)) {
            String text = personalise.apply(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            Files.writeString(sftp.home(partner).resolve("inbound").resolve(sample), text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CommandLine cli(ConfigurableApplicationContext context, PrintWriter out) {
        return PlantSyncCommand.commandLine(() -> context).setOut(out);
    }

    private static long executionId(String text) {
        Matcher m = Pattern.compile("execution (\\d+) of job").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no execution in: " + text);
        }
        return Long.parseLong(m.group(1));
    }

    private static List<String> names(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
