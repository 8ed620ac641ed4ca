package dev.plantsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import dev.plantsync.edi.Acknowledgements;
import dev.plantsync.edi.EdiError;
import dev.plantsync.edi.Interchange;
import dev.plantsync.edi.InvoiceParsers;
import dev.plantsync.edi.InvoiceSink;
import dev.plantsync.edi.ParsedInvoice;
import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import dev.plantsync.operations.cli.PlantSyncCommand;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.sftp.FilePickup;
import dev.plantsync.sftp.InboundFiles;
import dev.plantsync.sftp.LocalStore;
import dev.plantsync.sftp.Partner;
import dev.plantsync.sftp.PickedFile;
import dev.plantsync.sftp.SftpConnector;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo's second half: Odoo simulator check, then two partners' EDI drops picked up, parsed and acknowledged. */
final class PartnerIntakeDemo {

    private PartnerIntakeDemo() {
    }

    static void run(ConfigurableApplicationContext context, PrintWriter out) {
        Path work;
        try {
            work = Files.createTempDirectory("plantsync-demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OdooSimulator odoo = OdooSimulator.start(19);
                EmbeddedSftpServer sftp = EmbeddedSftpServer.start(work.resolve("sftp"))) {
            DemoCompany.seed(odoo);
            Path key = write(work.resolve("odoo.key"), SimUsers.ADMIN_API_KEY);
            out.println("== 3. plantsync odoo check (Odoo 19 simulator with the demo company)");
            PlantSyncCommand.commandLine(() -> context).setOut(out).execute("odoo", "check", "--url",
                    odoo.url().toString(), "--db", OdooSimulator.DATABASE, "--user", SimUsers.ADMIN_LOGIN,
                    "--api-key-file", key.toString());
            out.println();

            out.println("== 4. two suppliers drop invoices on SFTP; PlantSync picks them up, parses and acknowledges");
            Path knownHosts = sftp.writeKnownHosts(work.resolve("known_hosts"));
            String run = String.valueOf(System.currentTimeMillis() % 1_000_000_000L);
            Partner acme = drop(sftp, "acme", knownHosts, "x12-810-004010-two-invoices.edi",
                    t -> t.replace("000000905", String.format("%09d", Long.parseLong(run))).replace("ACME-INV-", "ACME-" + run + "-"));
            Partner baltic = drop(sftp, "baltic", knownHosts, "edifact-invoic-d96a-two-messages.edi",
                    t -> t.replace("BS0001", "BS" + run).replace("BS-INV-", "BS-" + run + "-"));
            FilePickup pickup = new FilePickup(new SftpConnector(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                    new LocalStore(work.resolve("data")), new InboundFiles(context.getBean(JdbcClient.class)),
                    Duration.ofMillis(300), Clock.systemUTC(), 3);
            for (Partner partner : List.of(acme, baltic)) {
                for (PickedFile file : pickup.pickup(partner, "invoice")) {
                    out.printf("   %s: %s (%d bytes, sha256 %s...) registered as inbound file %d%n", partner.id(),
                            file.name(), file.size(), file.sha256().substring(0, 12), file.id());
                    parseAndAcknowledge(pickup, file, out);
                    pickup.processed(file);
                }
                out.printf("   %s outbound: %s%n", partner.id(), names(sftp.home(partner.id()).resolve("outbound")));
            }
        }
    }

    private static void parseAndAcknowledge(FilePickup pickup, PickedFile file, PrintWriter out) {
        try (InputStream in = Files.newInputStream(file.localPath())) {
            InvoiceParsers.parse(in, file.name(), InvoiceParsers.Options.defaults(), new InvoiceSink() {
                @Override
                public void invoice(ParsedInvoice parsed) {
                    var inv = parsed.invoice();
                    out.printf("     invoice %-18s vendor %-14s %d line(s) total %s %s %s%n", inv.invoiceNumber(),
                            inv.vendorId(), inv.lines().size(), inv.total(), inv.currency() == null ? "" : inv.currency(),
                            parsed.valid() ? "valid" : "INVALID " + parsed.errors());
                }

                @Override
                public void fileError(EdiError error) {
                    out.println("     error: " + error);
                }

                @Override
                public void interchange(Interchange interchange) {
                    byte[] ack = "X12".equals(interchange.standard())
                            ? Acknowledgements.x12(interchange, "1", LocalDateTime.now())
                            : Acknowledgements.edifact(interchange, "PS1", LocalDateTime.now());
                    String name = ("X12".equals(interchange.standard()) ? "997_" : "CONTRL_")
                            + interchange.controlNumber() + ".edi";
                    pickup.sendToPartner(file.partner(), name, ack);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Partner drop(EmbeddedSftpServer sftp, String id, Path knownHosts, String sample,
            java.util.function.UnaryOperator<String> personalise) {
        sftp.addUser(id);
        try (InputStream in = PartnerIntakeDemo.class.getResourceAsStream("/edi/" + sample)) {
            String text = personalise.apply(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            Files.writeString(sftp.home(id).resolve("inbound").resolve(sample), text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sftp.partner(id, knownHosts);
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
