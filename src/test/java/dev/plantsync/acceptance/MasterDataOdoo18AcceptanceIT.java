package dev.plantsync.acceptance;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MasterDataAcceptance} against real Odoo 18 (JSON-RPC). */
@RealOdooServer(18)
class MasterDataOdoo18AcceptanceIT extends MasterDataAcceptance {

    static final RealWorld WORLD = RealWorld.of(18, "M");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
