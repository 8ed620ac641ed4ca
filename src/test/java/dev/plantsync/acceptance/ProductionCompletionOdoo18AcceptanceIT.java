package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionCompletionAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class ProductionCompletionOdoo18AcceptanceIT extends ProductionCompletionAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "C");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
