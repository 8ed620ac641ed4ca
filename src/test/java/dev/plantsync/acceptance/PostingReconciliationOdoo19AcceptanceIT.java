package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PostingReconciliationAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class PostingReconciliationOdoo19AcceptanceIT extends PostingReconciliationAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "P");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
