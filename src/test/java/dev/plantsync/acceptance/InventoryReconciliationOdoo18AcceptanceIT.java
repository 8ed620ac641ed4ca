package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link InventoryReconciliationAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class InventoryReconciliationOdoo18AcceptanceIT extends InventoryReconciliationAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "S");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
