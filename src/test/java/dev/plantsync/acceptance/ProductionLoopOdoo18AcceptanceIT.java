package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionLoopAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class ProductionLoopOdoo18AcceptanceIT extends ProductionLoopAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "L");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
