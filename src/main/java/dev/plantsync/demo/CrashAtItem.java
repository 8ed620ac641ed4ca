package dev.plantsync.demo;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Simulates a crash at one item so operators (and tests) can practise a restart; it fires only in the first
 * execution of a job instance, since the restart carries the same parameters and must get through. It can also
 * pause once per chunk, to leave time for a stop.
 */
class CrashAtItem implements ItemProcessor<DemoRow, DemoRow> {

    private final Integer failAt;
    private final boolean firstExecution;
    private final int pauseEvery;
    private final long pauseMillis;

    CrashAtItem(Integer failAt, boolean firstExecution, int pauseEvery, long pauseMillis) {
        this.failAt = failAt;
        this.firstExecution = firstExecution;
        this.pauseEvery = pauseEvery;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public DemoRow process(DemoRow row) throws InterruptedException {
        if (firstExecution && failAt != null && row.itemNo() == failAt) {
            throw new SimulatedCrash("simulated crash at item " + failAt + " (parameter failAt)");
        }
        if (pauseMillis > 0 && row.itemNo() % pauseEvery == 0) {
            Thread.sleep(pauseMillis); // parameter pauseMillis: slows the run so operators can rehearse a stop
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
