package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionOrderReleaseAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class ProductionOrderReleaseOdoo19AcceptanceIT extends ProductionOrderReleaseAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "O");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
