package dev.plantsync.costing;

import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CostRollupBomReportReplay} on Odoo 19. */
@PlantSyncTest
class CostRollupBomReport19Test extends CostRollupBomReportReplay {

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
}
