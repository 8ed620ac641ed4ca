package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ValuationReconciliationAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class ValuationReconciliationOdoo18AcceptanceIT extends ValuationReconciliationAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "V");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
