package dev.plantsync.production;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The plant a run of {@code production-order-release} is for: job parameter {@code plant}, which may be left out when
 * {@code jobs/production.yml} has only one plant.
 */
final class ReleaseRun {

    static final String PLANT = "plant";

    private ReleaseRun() {
    }

    static String plant(JobParameters parameters, ProductionSettings settings) {
        String plant = parameters.getString(PLANT);
        if (plant == null || plant.isBlank()) {
            if (settings.plants().size() == 1) {
                return settings.plants().keySet().iterator().next();
            }
            throw new IllegalArgumentException("job parameter plant is missing (plants in jobs/production.yml: "
                    + settings.plants().keySet() + ")");
        }
        settings.plant(plant); // an unknown plant is refused with the plants there are
        return plant;
    }
}
