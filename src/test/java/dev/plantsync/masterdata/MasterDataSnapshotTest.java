package dev.plantsync.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import dev.plantsync.approvals.Approvals;
import dev.plantsync.approvals.Decision;
import dev.plantsync.platform.Actor;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A source declared full snapshot: products PlantSync owns that a later file no longer lists are deactivated, unless
 * they still have stock or open purchase orders, which waits for an approver. Products it never owned are left alone.
 */
@PlantSyncTest
class MasterDataSnapshotTest extends MasterDataNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "erp", "ERP", "ERP");
    private static final OdooSimulator ODOO = WORLD.odoo;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
        registry.add("plantsync.masterdata.sources[0].partner", () -> "erp");
        registry.add("plantsync.masterdata.sources[0].full-snapshot", () -> "true");
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Autowired
    Approvals approvals;

    @Test
    void productsNoLongerListedAreDeactivatedUnlessStockOrOpenOrdersRemain() throws Exception {
        drop("products-a.csv", "PS-K001,Fastener kit", "PS-R006,Raw material 6", "PS-N201,Kept part",
                "PS-N202,Dropped part");
        assertThat(run(1).getExitStatus().getExitDescription()).contains("products: 2 created, 0 updated");

        drop("products-b.csv", "PS-N201,Kept part");
        JobExecution second = run(2);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(second.getExitStatus().getExitDescription()).contains("2 deactivated", "1 awaiting approval");
        assertThat(active("PS-N202")).isFalse();
        assertThat(active("PS-K001")).isFalse();
        assertThat(active("PS-R006")).isTrue();
        assertThat(active("PS-R007")).as("never PlantSync's: not touched").isTrue();
        assertThat(approvals.pending()).singleElement().satisfies(r -> {
            assertThat(r.businessKey()).isEqualTo("PS-R006");
            assertThat(r.reason()).contains("DEACTIVATE_WITH_STOCK", "DEACTIVATE_WITH_OPEN_ORDERS: no longer in the "
                    + "full snapshot but 20 are still to be received on open purchase orders");
        });

        approvals.decide(approvals.pending().get(0).id(), Decision.approve("phased out, stock to be scrapped"),
                new Actor("anna", "test"));

        assertThat(dev.plantsync.support.Resumed.await(repository, second).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(active("PS-R006")).isFalse();
    }

    private static void drop(String name, String... lines) throws Exception {
        Files.writeString(WORLD.sftp.home("erp").resolve("inbound/" + name), "default_code,name\n"
                + String.join("\n", lines) + "\n");
    }

    private static boolean active(String code) {
        return (Boolean) ODOO.searchRead("product.product", List.of(List.of("default_code", "=", code),
                List.of("active", "in", List.of(true, false))), List.of("active")).get(0).get("active");
    }
}
