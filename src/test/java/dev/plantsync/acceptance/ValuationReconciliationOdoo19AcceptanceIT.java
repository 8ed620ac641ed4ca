package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ValuationReconciliationAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class ValuationReconciliationOdoo19AcceptanceIT extends ValuationReconciliationAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "V");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
