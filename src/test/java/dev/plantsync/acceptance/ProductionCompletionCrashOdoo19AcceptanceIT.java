package dev.plantsync.acceptance;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionCompletionCrashAcceptance} against real Odoo 19. */
@RealOdooServer(19)
@Import(ProductionCompletionCrashAcceptance.DyingOdoo.class)
class ProductionCompletionCrashOdoo19AcceptanceIT extends ProductionCompletionCrashAcceptance {

    static final RealWorld WORLD = RealWorld.of(19, "K");

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wiring(WORLD, registry);
    }

    @Override
    RealWorld world() {
        return WORLD;
    }
}
