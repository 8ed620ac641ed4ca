package dev.plantsync.production;

import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionOrderReleaseScenario} on a simulated Odoo 18 (JSON-RPC). */
@PlantSyncTest
class ProductionOrderReleaseOdoo18Test extends ProductionOrderReleaseScenario {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(18, "acme", "ACMEFAST", "ACME");
    private static final PlantFloor FLOOR = new PlantFloor(WORLD);

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wire(WORLD, registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Override
    int chunk() {
        return 200;
    }

    @Override
    PlantFloor floor() {
        return FLOOR;
    }
}
