package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link InvoicePostingAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class InvoicePostingOdoo19AcceptanceIT extends InvoicePostingAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "I");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
