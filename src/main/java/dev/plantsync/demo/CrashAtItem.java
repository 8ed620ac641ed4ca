package dev.plantsync.demo;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Simulates a crash at one item so operators (and tests) can practise a restart. It fires only in the first
 * execution of a job instance: the restart of that instance carries the same parameters and must get through.
 */
class CrashAtItem implements ItemProcessor<DemoRow, DemoRow> {

    private final Integer failAt;
    private final boolean firstExecution;

    CrashAtItem(Integer failAt, boolean firstExecution) {
        this.failAt = failAt;
        this.firstExecution = firstExecution;
    }

    @Override
    public DemoRow process(DemoRow row) {
        if (firstExecution && failAt != null && row.itemNo() == failAt) {
            throw new SimulatedCrash("simulated crash at item " + failAt + " (parameter failAt)");
        }
        return row;
    }

    /** The failure the demo job was asked to make. */
    static class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String message) {
            super(message);
        }
    }
}
