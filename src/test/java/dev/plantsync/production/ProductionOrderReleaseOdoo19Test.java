package dev.plantsync.production;

import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionOrderReleaseScenario} on a simulated Odoo 19 (JSON-2), an order per page and commit. */
@PlantSyncTest
class ProductionOrderReleaseOdoo19Test extends ProductionOrderReleaseScenario {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(19, "acme", "ACMEFAST", "ACME");
    private static final PlantFloor FLOOR = new PlantFloor(WORLD);

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wire(WORLD, registry);
        registry.add("plantsync.production.release-chunk", () -> "1"); // every order its own page and commit
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Override
    int chunk() {
        return 1;
    }

    @Override
    PlantFloor floor() {
        return FLOOR;
    }
}
