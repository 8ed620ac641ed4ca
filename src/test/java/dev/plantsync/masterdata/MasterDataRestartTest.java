package dev.plantsync.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimFaults;
import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Odoo commits the second batch of new products and the answer never arrives, on every retry: the run fails in the
 * middle of applying. The restart applies what is left; the batch Odoo had already committed is loaded again under
 * the same external ids, which updates rather than duplicates. Every product exists once, none is skipped.
 */
@PlantSyncTest
class MasterDataRestartTest extends MasterDataNights {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "plm", "PLM", "PLM");
    private static final OdooSimulator ODOO = WORLD.odoo;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
        registry.add("plantsync.masterdata.apply-chunk", () -> "2");
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Test
    void aRunFailingMidApplyRestartsWithoutDuplicatesOrGaps() throws Exception {
        List<String> lines = new ArrayList<>(List.of("default_code,name,type,uom,category,standard_price"));
        for (int i = 1; i <= 7; i++) {
            lines.add("PS-RS%02d,Restart part %d,storable,Units,All / Components,%d.50".formatted(i, i, i));
        }
        Files.write(WORLD.sftp.home("plm").resolve("inbound/products-restart.csv"), lines);
        ODOO.faults().injectAfter("product.product", "load", 1, SimFaults.Kind.COMMIT_THEN_FAIL, 1000);

        JobExecution failed = run(3);

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(states(failed)).containsExactlyInAnyOrderEntriesOf(Map.of("APPLIED", 2, "READY", 5));
        assertThat(codes()).hasSize(4); // the first batch, and the second Odoo committed before the answer was lost

        ODOO.faults().clear();
        JobExecution restarted = jobs.restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(states(restarted)).containsExactlyEntriesOf(Map.of("APPLIED", 7));
        assertThat(codes()).containsExactly("PS-RS01", "PS-RS02", "PS-RS03", "PS-RS04", "PS-RS05", "PS-RS06",
                "PS-RS07");
        assertThat(ODOO.searchRead("ir.model.data", List.of(List.of("module", "=", "plantsync")), List.of("name")))
                .hasSize(7);
        assertThat(jdbc.sql("SELECT count(*) FROM odoo_write WHERE job_name = 'master-data-sync' AND state = 'CREATED'")
                .query(Integer.class).single()).isEqualTo(7);
    }

    private Map<String, Integer> states(JobExecution execution) {
        Map<String, Integer> states = new java.util.TreeMap<>();
        jdbc.sql("SELECT state, count(*)::int FROM md_change WHERE job_instance_id = :run GROUP BY state")
                .param("run", execution.getJobInstance().getId())
                .query(rs -> {
                    states.put(rs.getString(1), rs.getInt(2));
                });
        return states;
    }

    /** Every product code in Odoo of this file, duplicates included, in order. */
    private static List<Object> codes() {
        return ODOO.searchRead("product.product", List.of(List.of("default_code", "like", "PS-RS")),
                List.of("default_code")).stream().map(p -> p.get("default_code")).sorted().toList();
    }
}
