package dev.plantsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.plantsync.PlantSyncApplication;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimUsers;
import dev.plantsync.support.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PlantSync as a benchmark runs it: on a fresh database, pointed at a simulated Odoo and at the partners file and
 * data directory under {@code temp}, logging warnings only.
 */
final class BenchApplication {

    private BenchApplication() {
    }

    /** {@code extra}: more properties, "name=value" (e.g. a job's settings). */
    static ConfigurableApplicationContext start(Object odooUrl, Path temp, String... extra) throws IOException {
        Files.writeString(temp.resolve("odoo.key"), SimUsers.ADMIN_API_KEY);
        return start(odooUrl, OdooSimulator.DATABASE, SimUsers.ADMIN_LOGIN, temp.resolve("odoo.key"), temp, "PT0.2S",
                extra);
    }

    /** Pointed at any Odoo (a real server: its database, login and a file holding the API key). */
    static ConfigurableApplicationContext start(Object odooUrl, String database, String login, Path apiKeyFile,
            Path temp, String stabilityInterval, String... extra) {
        TestDatabases.FreshDatabase db = TestDatabases.create();
        List<String> props = new ArrayList<>(List.of(db.properties()));
        props.addAll(List.of("plantsync.odoo.url=" + odooUrl, "plantsync.odoo.database=" + database,
                "plantsync.odoo.login=" + login, "plantsync.odoo.api-key-file=" + apiKeyFile,
                "plantsync.sftp.partners-file=" + temp.resolve("partners.yml"),
                "plantsync.sftp.data-dir=" + temp.resolve("data"),
                "plantsync.sftp.stability-interval=" + stabilityInterval, "logging.level.root=WARN"));
        props.addAll(List.of(extra));
        return PlantSyncApplication.builder(false).properties(props.toArray(String[]::new)).run();
    }
}
