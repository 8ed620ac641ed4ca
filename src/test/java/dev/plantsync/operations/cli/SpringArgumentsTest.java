package dev.plantsync.operations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code plantsync server --server.port=18080}: Spring-style settings reach the application, not picocli. */
class SpringArgumentsTest {

    @Test
    void dottedKeysAreSettingsWhereverTheyStand() {
        SpringArguments split = SpringArguments.split(new String[] {"--server.port=18080", "jobs", "executions",
                "--limit=5", "invoice-posting", "--plantsync.config-dir=/etc/plantsync"});

        assertThat(split.command()).containsExactly("jobs", "executions", "--limit=5", "invoice-posting");
        assertThat(split.settings()).containsExactly("--server.port=18080", "--plantsync.config-dir=/etc/plantsync");
    }

    @Test
    void theCommandsOwnOptionsAndWhatFollowsDoubleDashStayTheCommands() {
        SpringArguments split = SpringArguments.split(new String[] {"run", "demo", "-p", "items=10",
                "--url=http://odoo.example", "--", "--a.b=c"});

        assertThat(split.command()).containsExactly("run", "demo", "-p", "items=10", "--url=http://odoo.example", "--",
                "--a.b=c");
        assertThat(split.settings()).isEmpty();
    }

    @Test
    void aServerWithASettingIsNoLongerAnUnknownOption() {
        SpringArguments split = SpringArguments.split(new String[] {"server", "--server.port=18080"});
        java.io.StringWriter err = new java.io.StringWriter();
        int[] started = {0};
        int exit = PlantSyncCommand.commandLine(() -> {
            started[0]++;
            throw new IllegalStateException("no context in this test");
        }).setErr(new java.io.PrintWriter(err, true)).execute(split.command());

        assertThat(err.toString()).doesNotContain("Unknown option");
        assertThat(started[0]).as("the server command went on to start the application").isEqualTo(1);
        assertThat(exit).isEqualTo(ExitCodes.PROBLEM);
    }
}
