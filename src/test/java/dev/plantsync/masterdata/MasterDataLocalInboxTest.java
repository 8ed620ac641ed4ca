package dev.plantsync.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A plant without SFTP drops its files into a local directory (a share): the same pickup, claim, archive and
 * quarantine as a partner's SFTP drop, and the same sync.
 */
@PlantSyncTest
class MasterDataLocalInboxTest extends MasterDataNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "plm", "PLM", "PLM");
    private static final Path PLANT = WORLD.temp.resolve("plant2");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) throws Exception {
        WORLD.register(registry);
        Files.createDirectories(PLANT.resolve("inbound"));
        Files.writeString(WORLD.temp.resolve("partners.yml"), """
                  - id: plant2
                    localDirectory: %s
                    patterns: {md-products: ["products*.csv"]}
                """.formatted(PLANT), StandardOpenOption.APPEND);
        registry.add("plantsync.masterdata.sources[0].partner", () -> "plant2");
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Test
    void filesFromALocalDirectoryAreSyncedArchivedOrQuarantined() throws Exception {
        Files.writeString(PLANT.resolve("inbound/products-plant2.csv"), """
                default_code,name,type
                PS-L001,Local part,storable
                """);
        Files.writeString(PLANT.resolve("inbound/products-broken.csv"), """
                code;description
                PS-L002;no name column
                """);

        JobExecution run = run(3);

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(WORLD.odoo.searchRead("product.product", List.of(List.of("default_code", "=", "PS-L001")),
                List.of("name"))).singleElement().satisfies(p -> assertThat(p).containsEntry("name", "Local part"));
        assertThat(names(PLANT.resolve("inbound"))).isEmpty();
        assertThat(names(PLANT.resolve("archive"))).anyMatch(n -> n.endsWith("products-plant2.csv"));
        assertThat(names(PLANT.resolve("error"))).anyMatch(n -> n.endsWith("products-broken.csv"))
                .anyMatch(n -> n.endsWith("products-broken.csv.reason.txt"));
        assertThat(jdbc.sql("SELECT name || ' ' || state FROM inbound_file WHERE partner = 'plant2' ORDER BY name")
                .query(String.class).list())
                .containsExactly("products-broken.csv QUARANTINED", "products-plant2.csv PROCESSED");
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
