package dev.plantsync.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same files on Odoo 18, which models units in categories with a type and an inverted factor and still has a
 * purchase unit on products: created as 18 wants them, and unchanged when read back.
 */
@PlantSyncTest
class MasterDataOdoo18Test extends MasterDataNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(18, "plm", "PLM", "PLM");
    private static final OdooSimulator ODOO = WORLD.odoo;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Test
    void unitsInCategoriesAndThePurchaseUnit() throws Exception {
        drop("units-1.csv", "name,category,reference,ratio\nPack of 6,Unit,Units,6\n");
        // a weight of three decimals where Odoo 18 keeps two ('Stock Weight'): stored as 0.13
        drop("products-1.csv", "default_code,name,type,uom,purchase_uom,category,weight\n"
                + "PS-N801,Eighteen part,storable,Units,Pack of 6,All / Raw,0.125\n");

        JobExecution first = run(1);

        assertThat(first.getExitStatus().getExitDescription()).contains("units: 1 created", "products: 1 created");
        Map<String, Object> pack = ODOO.searchRead("uom.uom", List.of(List.of("name", "=", "Pack of 6")),
                List.of("category_id", "uom_type", "factor")).get(0);
        assertThat(pack).containsEntry("uom_type", "bigger");
        assertThat((Double) pack.get("factor")).isCloseTo(1.0 / 6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((List<?>) pack.get("category_id")).get(1)).isEqualTo("Unit");
        Map<String, Object> part = ODOO.searchRead("product.product", List.of(List.of("default_code", "=", "PS-N801")),
                List.of("uom_id", "uom_po_id", "is_storable", "weight")).get(0);
        assertThat(((List<?>) part.get("uom_po_id")).get(1)).isEqualTo("Pack of 6");
        assertThat(part).containsEntry("is_storable", true).containsEntry("weight", 0.13);

        // the same data in other files (the same bytes again would be set aside as a duplicate file)
        drop("units-2.csv", "ratio,name,reference,category\n6,Pack of 6,Units,Unit\n");
        drop("products-2.csv", "name,default_code,type,uom,purchase_uom,category,weight\n"
                + "Eighteen part,PS-N801,storable,Units,Pack of 6,All / Raw,0.125\n");
        Map<String, Integer> before = new HashMap<>(ODOO.calls());
        assertThat(run(2).getExitStatus().getExitDescription()).contains("units: 0 created, 0 updated, 0 deactivated, "
                + "1 unchanged", "products: 0 created, 0 updated, 0 deactivated, 1 unchanged");
        ODOO.calls().forEach((call, n) -> {
            if (n > before.getOrDefault(call, 0)) {
                assertThat(call).as("only reads on a re-run").matches(".*\\.(search_read|read|fields_get)$");
            }
        });
    }

    private static void drop(String name, String content) throws Exception {
        Files.writeString(WORLD.sftp.home("plm").resolve("inbound/" + name), content);
    }
}
