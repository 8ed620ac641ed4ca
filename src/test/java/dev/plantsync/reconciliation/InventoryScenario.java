package dev.plantsync.reconciliation;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.plantsync.odoo.sim.DemoCompany;
import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.sftp.EmbeddedSftpServer;
import dev.plantsync.support.SimulatedWorld;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The demo company on a simulated Odoo 19, an embedded SFTP drop for the warehouse (partner {@code wms}) and site
 * MAIN's settings; {@link #snapshot()} is Odoo's own stock as the warehouse reports it with one planted discrepancy of
 * every category.
 */
public final class InventoryScenario implements AutoCloseable {

    static final Map<String, String> EXTERNAL_LOCATION = Map.of("WH/Stock/Shelf 1", "A-01",
            "WH/Stock/Shelf 2", "A-02", "WH/Stock", "STOCK");
    static final String TIME = "2026-11-20T23:00:00";

    private final SimulatedWorld world;
    public final OdooSimulator odoo;
    final DemoCompany.Ids demo;
    public final EmbeddedSftpServer sftp;

    /** {@code morePartners}: other partners on the same SFTP server, as {@link SimulatedWorld#start} takes them. */
    public InventoryScenario(String... morePartners) {
        String[] partners = Stream.concat(Stream.of("wms", "WMS", "WMS"),
                Arrays.stream(morePartners)).toArray(String[]::new);
        world = SimulatedWorld.start(19, partners);
        odoo = world.odoo;
        demo = world.demo;
        sftp = world.sftp;
        odoo.write("stock.quant", quant("PS-C001", demo.shelf1()), Map.of("quantity", 20.0));
        odoo.write("stock.quant", quant("PS-R011", demo.shelf1()), Map.of("quantity", 40.0));
        odoo.write("stock.quant", quant("PS-R012", demo.shelf1()), Map.of("quantity", 24.0));
        odoo.write("stock.quant", quant("PS-F001", demo.stock()), Map.of("quantity", 3.0));
    }

    public void wiring(DynamicPropertyRegistry registry) {
        world.register(registry);
        registry.add("plantsync.inventory.sites[0].site", () -> "MAIN");
        registry.add("plantsync.inventory.sites[0].partner", () -> "wms");
        int i = 0;
        for (Map.Entry<String, String> location : EXTERNAL_LOCATION.entrySet()) {
            registry.add("plantsync.inventory.locations[" + i + "].external", location::getValue);
            registry.add("plantsync.inventory.locations[" + i++ + "].odoo", location::getKey);
        }
        registry.add("plantsync.inventory.units[0].external", () -> "DZ");
        registry.add("plantsync.inventory.units[0].odoo", () -> "Dozens");
        registry.add("plantsync.inventory.tolerances[0].category", () -> category("PS-R010"));
        registry.add("plantsync.inventory.tolerances[0].absolute", () -> "1");
        registry.add("plantsync.inventory.tolerances[0].percent", () -> "0.5");
        registry.add("plantsync.inventory.flag-after-nights", () -> "3");
    }

    /**
     * Odoo's stock as the warehouse would report it, planted: PS-C001 +5 (QTY_MISMATCH), PS-R010 +0.5 (within
     * tolerance), PS-R011 +3 (beyond), PS-R012 as 2 dozen (= Odoo's 24 units), PS-F001 left out (MISSING_IN_WMS),
     * PS-R001 lot 1 reported as lot 9 (LOT_MISMATCH), PS-C002 on shelf 2 (MISSING_IN_ODOO), an unknown location
     * and an unknown item.
     */
    public List<String> snapshot() {
        Map<Integer, String> codes = new HashMap<>();
        odoo.searchRead("product.product", List.of(), List.of("default_code"))
                .forEach(p -> codes.put((Integer) p.get("id"), String.valueOf(p.get("default_code"))));
        List<String> lines = new ArrayList<>(List.of("site,location,item,lot,quantity,uom,snapshot_time"));
        for (Map<String, Object> q : odoo.searchRead("stock.quant",
                List.of(List.of("location_id.usage", "=", "internal")),
                List.of("product_id", "location_id", "lot_id", "quantity"))) {
            String item = codes.get((Integer) ((List<?>) q.get("product_id")).get(0));
            String location = EXTERNAL_LOCATION.get((String) ((List<?>) q.get("location_id")).get(1));
            String lot = q.get("lot_id") instanceof List<?> l ? (String) l.get(1) : "";
            BigDecimal quantity = BigDecimal.valueOf(((Number) q.get("quantity")).doubleValue());
            String unit = "EA";
            switch (item) {
                case "PS-F001" -> {
                    continue;
                }
                case "PS-C001" -> quantity = quantity.add(BigDecimal.valueOf(5));
                case "PS-R010" -> quantity = quantity.add(new BigDecimal("0.5"));
                case "PS-R011" -> quantity = quantity.add(BigDecimal.valueOf(3));
                case "PS-R012" -> {
                    quantity = new BigDecimal("2");
                    unit = "DZ";
                }
                default -> {
                }
            }
            if (lot.equals("PS-R001-LOT1")) {
                lot = "PS-R001-LOT9";
            }
            lines.add(String.join(",", "MAIN", location, item, lot, quantity.stripTrailingZeros().toPlainString(),
                    unit, TIME));
        }
        lines.add("MAIN,A-02,PS-C002,,4,EA," + TIME);
        lines.add("MAIN,Z-99,PS-R003,,7,EA," + TIME);
        lines.add("MAIN,A-01,XX-404,,2,EA," + TIME);
        return lines;
    }

    /** Drops a night's snapshot; each carries its own time, as a real one does (an identical file is a duplicate). */
    public void drop(LocalDate night, String file, List<String> lines) throws IOException {
        Files.write(sftp.home("wms").resolve("inbound/" + file),
                lines.stream().map(l -> l.replace(TIME, night + "T23:00:00")).toList());
    }

    private int quant(String code, int location) {
        return odoo.searchRead("stock.quant", List.of(List.of("product_id", "=", demo.product(code)),
                List.of("location_id", "=", location)), List.of("id")).stream()
                .map(q -> (Integer) q.get("id")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no quant of " + code + " in location " + location));
    }

    private String category(String code) {
        return (String) ((List<?>) odoo.searchRead("product.product", List.of(List.of("id", "=", demo.product(code))),
                List.of("categ_id")).get(0).get("categ_id")).get(1);
    }

    @Override
    public void close() {
        world.close();
    }
}
