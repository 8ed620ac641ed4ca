package dev.plantsync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import dev.plantsync.sftp.EmbeddedSftpServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a job test runs against: the demo company on a simulated Odoo of one version and, when partners are given, an
 * embedded SFTP server with their drops; {@link #register} points the application at both. Hold it in a static field
 * and close it after the class.
 */
public final class SimulatedWorld implements AutoCloseable {

    public final Path temp;
    public final OdooSimulator odoo;
    public final DemoCompany.Ids demo;
    /** Null without partners. */
    public final EmbeddedSftpServer sftp;

    /** {@code partners}: id, EDI sender id and Odoo vendor reference, three strings per partner. */
    public static SimulatedWorld start(int odooVersion, String... partners) {
        return new SimulatedWorld(odooVersion, partners);
    }

    private SimulatedWorld(int odooVersion, String... partners) {
        try {
            temp = Files.createTempDirectory("plantsync-world");
            odoo = OdooSimulator.start(odooVersion);
            demo = DemoCompany.seed(odoo);
            Files.writeString(temp.resolve("odoo.key"), SimUsers.ADMIN_API_KEY);
            if (partners.length > 0) {
                sftp = EmbeddedSftpServer.start(Files.createDirectories(temp.resolve("sftp")));
                sftp.writePartners(temp, partners);
            } else {
                sftp = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(DynamicPropertyRegistry registry) {
        registry.add("plantsync.odoo.url", () -> odoo.url().toString());
        registry.add("plantsync.odoo.database", () -> OdooSimulator.DATABASE);
        registry.add("plantsync.odoo.login", () -> SimUsers.ADMIN_LOGIN);
        registry.add("plantsync.odoo.api-key-file", () -> temp.resolve("odoo.key").toString());
        if (sftp != null) {
            registry.add("plantsync.sftp.partners-file", () -> temp.resolve("partners.yml").toString());
            registry.add("plantsync.sftp.data-dir", () -> temp.resolve("data").toString());
            registry.add("plantsync.sftp.stability-interval", () -> "PT0.1S");
        }
    }

    @Override
    public void close() {
        if (sftp != null) {
            sftp.close();
        }
        odoo.close();
    }
}
