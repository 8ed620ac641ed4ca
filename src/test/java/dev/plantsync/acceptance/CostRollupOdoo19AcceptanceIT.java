package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CostRollupAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class CostRollupOdoo19AcceptanceIT extends CostRollupAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "R");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
