package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PostingReconciliationAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class PostingReconciliationOdoo18AcceptanceIT extends PostingReconciliationAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "P");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
