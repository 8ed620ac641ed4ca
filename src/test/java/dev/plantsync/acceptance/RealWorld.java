package dev.plantsync.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What an acceptance class runs against: one real Odoo, a prefix that makes every record it creates its own (so the
 * suite runs again and again on the same database, next to other users of it), and partner drops as local
 * directories. Hold it in a static field of the class; nothing is touched until the class actually runs.
 */
public final class RealWorld {

    public final int version;
    /** e.g. {@code AT1764752345I}: "AT", the start second, the scenario's letter. */
    public final String prefix;
    private final Map<String, String> partners = new LinkedHashMap<>();
    private Path temp;
    private RealOdoo odoo;

    private RealWorld(int version, String scenario) {
        this.version = version;
        this.prefix = "AT" + (System.currentTimeMillis() / 1000) + scenario;
    }

    public static RealWorld of(int version, String scenario) {
        return new RealWorld(version, scenario);
    }

    public synchronized RealOdoo odoo() {
        if (odoo == null) {
            odoo = RealOdoo.fromEnvironment(version);
        }
        return odoo;
    }

    public synchronized Path temp() {
        if (temp == null) {
            try {
                temp = Files.createTempDirectory("plantsync-acceptance-" + version + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return temp;
    }

    /** A business code of this run: {@code prefix-name}. */
    public String code(String name) {
        return prefix + "-" + name;
    }

    /**
     * Declares a partner whose drop is a local directory (the same pickup, claim and archive as over SFTP):
     * {@code patterns} as in jobs/partners.yml, e.g. {@code {invoice: ["*.edi"]}}.
     */
    public Path partner(String id, String ediId, String vendorRef, String patterns) {
        Path dir = temp().resolve("drops").resolve(id);
        try {
            Files.createDirectories(dir.resolve("inbound"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        partners.put(id, """
                  - id: %s
                    localDirectory: %s
                    patterns: %s
                    ediIds: ["%s"]
                    odooVendorRef: "%s"
                """.formatted(id, dir, patterns, ediId, vendorRef));
        return dir;
    }

    /** The inbound directory of a partner declared before. */
    public Path inbound(String partner) {
        return temp().resolve("drops").resolve(partner).resolve("inbound");
    }

    public void write(String partner, String file, String content) {
        try {
            Files.writeString(inbound(partner).resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points PlantSync at the real Odoo and at the partners declared so far. */
    public void register(DynamicPropertyRegistry registry) {
        RealOdoo server = odoo();
        registry.add("plantsync.odoo.url", () -> server.url);
        registry.add("plantsync.odoo.database", () -> server.database);
        registry.add("plantsync.odoo.login", () -> server.login);
        registry.add("plantsync.odoo.api-key-file", () -> server.apiKeyFile(temp()).toString());
        try {
            Path registryFile = Files.writeString(temp().resolve("partners.yml"),
                    "partners:\n" + partners.values().stream().collect(Collectors.joining()));
            registry.add("plantsync.sftp.partners-file", registryFile::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("plantsync.sftp.data-dir", () -> temp().resolve("data").toString());
        registry.add("plantsync.sftp.stability-interval", () -> "PT0.1S");
    }

    public static List<Object> eq(String field, Object value) {
        return List.of(field, "=", value);
    }
}
