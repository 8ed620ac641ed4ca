package dev.plantsync.demo;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Generates rows 1..n. Its position is saved in the step's execution context at every commit (that is what the
 * counting base class does), so a restart continues after the last committed chunk instead of from row 1.
 */
class GeneratedRowReader extends AbstractItemCountingItemStreamItemReader<DemoRow> {

    GeneratedRowReader(int items) {
        setName("demo-rows");
        setMaxItemCount(items);
    }

    @Override
    protected DemoRow doRead() {
        int n = getCurrentItemCount();
        return new DemoRow(n, "row-" + n);
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        // Rows are computed from their number: nothing to skip over, the counter alone is the position.
    }

    @Override
    protected void doOpen() {
    }

    @Override
    protected void doClose() {
    }
}
