package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CostRollupAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class CostRollupOdoo18AcceptanceIT extends CostRollupAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "R");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
