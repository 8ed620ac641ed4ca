package dev.plantsync.reconciliation;

import java.time.LocalDate;

import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PeriodicValuationCase} on Odoo 18. */
@PlantSyncTest
class ValuationPeriodicOdoo18Test extends PeriodicValuationCase {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(18);

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
        // Odoo 18 dates a valuation layer by its create_date, which is when the simulator seeded it: today.
        return LocalDate.now().toString();
    }
}
