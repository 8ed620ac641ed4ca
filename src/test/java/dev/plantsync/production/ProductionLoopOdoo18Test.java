package dev.plantsync.production;

import dev.plantsync.support.PlantSyncTest;
import dev.plantsync.support.SimulatedWorld;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProductionLoopScenario} on a simulated Odoo 18 (JSON-RPC). */
@PlantSyncTest
class ProductionLoopOdoo18Test extends ProductionLoopScenario {

    private static final SimulatedWorld WORLD = SimulatedWorld.start(18, "acme", "ACMEFAST", "ACME");
    private static final LoopPlant PLANT = new LoopPlant(WORLD);
    private static final Loop LOOP = new Loop();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        wire(WORLD, registry);
    }

    @AfterAll
    static void stop() {
        WORLD.close();
    }

    @Override
    LoopPlant plant() {
        return PLANT;
    }

    @Override
    Loop loop() {
        return LOOP;
    }
}
