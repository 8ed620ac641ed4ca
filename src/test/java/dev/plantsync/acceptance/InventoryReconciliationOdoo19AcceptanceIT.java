package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link InventoryReconciliationAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class InventoryReconciliationOdoo19AcceptanceIT extends InventoryReconciliationAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "S");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
