package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MasterDataAcceptance} against real Odoo 19 (JSON-2). */
@RealOdooServer(19)
class MasterDataOdoo19AcceptanceIT extends MasterDataAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "M");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
