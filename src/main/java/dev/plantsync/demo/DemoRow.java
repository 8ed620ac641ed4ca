package dev.plantsync.demo;

/** One generated record of the reference job. */
record DemoRow(int itemNo, String payload) {
}
