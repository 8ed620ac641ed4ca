package dev.plantsync.reconciliation;

import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PeriodicValuationCase} on Odoo 19. */
@PlantSyncTest
class ValuationPeriodicOdoo19Test extends PeriodicValuationCase {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19);

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        WORLD.register(registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Override
    SimulatedWorld world() {
        return WORLD;
    }

    @Override
    String asOf() {
        return "2026-11-30";
    }
}
