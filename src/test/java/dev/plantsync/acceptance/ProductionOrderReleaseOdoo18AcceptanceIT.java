package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionOrderReleaseAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class ProductionOrderReleaseOdoo18AcceptanceIT extends ProductionOrderReleaseAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "O");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
