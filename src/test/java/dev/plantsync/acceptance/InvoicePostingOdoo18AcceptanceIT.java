package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link InvoicePostingAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class InvoicePostingOdoo18AcceptanceIT extends InvoicePostingAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "I");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
