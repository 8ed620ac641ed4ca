package dev.plantsync.production;

import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.Domain;
import dev.plantsync.odoo.OdooClient;
import dev.plantsync.odoo.OdooRecord;

/**
 * The Odoo operation types a plant executes: the manufacturing types ({@code code = mrp_operation}) of its warehouse,
 * narrowed to those named in {@code operation-types} when it names any. A plant whose types cannot be found stops the
 * run with what was looked for: releasing nothing silently would look like a quiet shop floor.
 */
final class PlantOperationTypes {

    private PlantOperationTypes() {
    }

    static List<Integer> of(OdooClient odoo, String code, ProductionSettings.Plant plant) {
        Domain domain = Domain.and(Domain.eq("code", "mrp_operation"), Domain.eq("warehouse_id.code", plant.warehouse()));
        if (!plant.operationTypes().isEmpty()) {
            domain = Domain.and(domain, Domain.in("name", plant.operationTypes()));
        }
        List<OdooRecord> types = odoo.searchRead("stock.picking.type", domain, List.of("name"), "id", null, null,
                Map.of());
        if (types.isEmpty()) {
            throw new IllegalStateException("plant " + code + ": Odoo has no manufacturing operation type in warehouse "
                    + plant.warehouse() + (plant.operationTypes().isEmpty() ? ""
                            : " named " + plant.operationTypes()) + " (jobs/production.yml plantsync.production.plants."
                    + code + ")");
        }
        if (!plant.operationTypes().isEmpty() && types.size() < plant.operationTypes().size()) {
            List<String> found = types.stream().map(t -> t.getString("name")).toList();
            throw new IllegalStateException("plant " + code + ": operation types " + plant.operationTypes().stream()
                    .filter(n -> !found.contains(n)).toList() + " are not manufacturing types of warehouse "
                    + plant.warehouse() + " in Odoo (found " + found + ")");
        }
        return types.stream().map(OdooRecord::id).toList();
    }
}
