package dev.plantsync.acceptance;

import static dev.plantsync.acceptance.RealOdoo.values;
import static dev.plantsync.acceptance.RealWorld.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Inventory reconciliation against a real Odoo: a site of its own (a location of this run under WH/Stock with two
 * bins), stock put there by inventory adjustments, and a warehouse snapshot that is Odoo's stock with one planted
 * break of every kind. The breaks found must be exactly the planted ones, valued at the products' cost.
 */
@PlantSyncTest
abstract class InventoryReconciliationAcceptance {

    @Autowired
    JobOperator jobs;

    @Autowired
    @Qualifier("inventoryReconciliation")
    Job job;

    @Autowired
    JdbcClient jdbc;

    abstract RealWorld world();

    /** Site SITE covers only this run's location; the warehouse calls its bins BIN-A and BIN-B. */
    static void wiring(RealWorld world, DynamicPropertyRegistry registry) {
        world.partner("wms", world.prefix + "W", world.code("WMS"), "{stock-snapshot: [\"*.csv\"]}");
        registry.add("plantsync.inventory.sites[0].site", () -> "SITE");
        registry.add("plantsync.inventory.sites[0].partner", () -> "wms");
        registry.add("plantsync.inventory.sites[0].locations[0]", () -> root(world));
        registry.add("plantsync.inventory.locations[0].external", () -> "BIN-A");
        registry.add("plantsync.inventory.locations[0].odoo", () -> root(world) + "/A");
        registry.add("plantsync.inventory.locations[1].external", () -> "BIN-B");
        registry.add("plantsync.inventory.locations[1].odoo", () -> root(world) + "/B");
        world.register(registry);
    }

    private static String root(RealWorld world) {
        return "WH/Stock/" + world.prefix;
    }

    @Test
    void exactlyThePlantedBreaksAreFoundValuedAtCost() throws Exception {
        RealWorld w = world();
        RealOdoo odoo = w.odoo();
        OdooFixtures f = new OdooFixtures(odoo);
        int stock = RealOdoo.id(odoo.one("stock.warehouse", List.of(eq("company_id", 1), eq("code", "WH")),
                List.of("lot_stock_id")).get("lot_stock_id"));
        int root = odoo.create("stock.location", values("name", w.prefix, "location_id", stock, "usage", "internal"));
        int binA = odoo.create("stock.location", values("name", "A", "location_id", root, "usage", "internal"));
        int binB = odoo.create("stock.location", values("name", "B", "location_id", root, "usage", "internal"));
        assertThat(odoo.read("stock.location", List.of(binA), List.of("complete_name"), Map.of()).get(0)
                .get("complete_name")).isEqualTo(root(w) + "/A");

        int counted = f.storable(w.code("OK"), w.prefix + " counted right", 2.0, 0, null);
        int over = f.storable(w.code("OVER"), w.prefix + " counted over", 11.0, 0, null);
        int gone = f.storable(w.code("GONE"), w.prefix + " not in the WMS", 110.0, 0, null);
        int lotted = f.storable(w.code("LOT"), w.prefix + " lot tracked", 2.5, 0, null);
        odoo.write("product.product", List.of(lotted), Map.of("tracking", "lot"));
        f.storable(w.code("NEW"), w.prefix + " only in the WMS", 12.0, 0, null);
        f.storable(w.code("ELSEWHERE"), w.prefix + " at an unknown bin", 0.75, 0, null);
        int lot1 = odoo.create("stock.lot", values("name", w.code("LOT1"), "product_id", lotted, "company_id", 1));
        f.onHand(counted, binA, 30, null);
        f.onHand(over, binA, 20, null);
        f.onHand(gone, binB, 3, null);
        f.onHand(lotted, binA, 5, lot1);

        String time = LocalDate.now() + "T06:00:00";
        String snapshot = String.join("\n",
                "site,location,item,lot,quantity,uom,snapshot_time",
                "SITE,BIN-A," + w.code("OK") + ",,30,EA," + time,                  // as in Odoo
                "SITE,BIN-A," + w.code("OVER") + ",,25,EA," + time,                // 25 counted, 20 in Odoo
                "SITE,BIN-A," + w.code("LOT") + "," + w.code("LOT9") + ",5,EA," + time, // lot 1 reported as lot 9
                "SITE,BIN-B," + w.code("NEW") + ",,4,EA," + time,                  // none in Odoo
                "SITE,Z-99," + w.code("ELSEWHERE") + ",,7,EA," + time,             // a bin nobody mapped
                "SITE,BIN-B," + w.prefix + "-XX404,,1,EA," + time) + "\n";         // an item Odoo does not know
        w.write("wms", "snapshot-1.csv", snapshot);

        JobExecution night = jobs.start(job, new JobParametersBuilder()
                .addLocalDate("businessDate", PartnerFiles.TODAY).addString("site", "SITE")
                .toJobParameters());

        assertThat(night.getStatus()).as(night.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
        String a = root(w) + "/A";
        String b = root(w) + "/B";
        assertThat(jdbc.sql("""
                SELECT category, location, item, lot, value FROM inventory_break WHERE job_instance_id = :run""")
                .param("run", night.getJobInstance().getId())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5) == null ? null : rs.getBigDecimal(5).toPlainString()))
                .list())
                .containsExactlyInAnyOrder(
                        tuple("QTY_MISMATCH", a, w.code("OVER"), "", "55.00"),            // +5 at 11.00
                        tuple("MISSING_IN_WMS", b, w.code("GONE"), "", "-330.00"),        // 3 at 110.00
                        tuple("LOT_MISMATCH", a, w.code("LOT"), w.code("LOT1"), "-12.50"),
                        tuple("LOT_MISMATCH", a, w.code("LOT"), w.code("LOT9"), "12.50"),
                        tuple("MISSING_IN_ODOO", b, w.code("NEW"), "", "48.00"),          // 4 at 12.00
                        tuple("UNMAPPED_LOCATION", "Z-99", w.code("ELSEWHERE"), "", "5.25"),
                        tuple("UNMAPPED_ITEM", b, w.prefix + "-XX404", "", null));
    }
}
