package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionLoopAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class ProductionLoopOdoo19AcceptanceIT extends ProductionLoopAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "L");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
