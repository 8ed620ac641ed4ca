package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plantsync.operations.ExecutionSummary;
import dev.plantsync.platform.RunSummary;
import org.junit.jupiter.api.Test;

/** What schedulers see: a run that left partner files behind does not exit with a clean 0. */
class ExitCodesTest {

    @Test
    void aCompletedRunThatLeftFilesBehindIsNotACleanZero() {
        assertThat(ExitCodes.of(execution("COMPLETED", "COMPLETED"))).isEqualTo(ExitCodes.COMPLETED);
        assertThat(ExitCodes.of(execution("COMPLETED", RunSummary.FILES_LEFT))).isEqualTo(ExitCodes.FILES_LEFT_BEHIND)
                .isEqualTo(9);
    }

    private static ExecutionSummary execution(String status, String exitCode) {
        return new ExecutionSummary(1, "supplier-invoice-posting", 1, status, exitCode, "", null, null, null, "");
    }
}
