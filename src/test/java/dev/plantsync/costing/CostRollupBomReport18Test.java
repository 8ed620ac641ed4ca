package dev.plantsync.costing;

import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CostRollupBomReportReplay} on Odoo 18. */
@PlantSyncTest
class CostRollupBomReport18Test extends CostRollupBomReportReplay {

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
}
