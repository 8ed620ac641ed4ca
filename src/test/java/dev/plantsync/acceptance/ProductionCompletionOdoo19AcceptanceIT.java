package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionCompletionAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class ProductionCompletionOdoo19AcceptanceIT extends ProductionCompletionAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "C");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
