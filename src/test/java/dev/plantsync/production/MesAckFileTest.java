package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MES acknowledgement files as jobs/production-files.md lays them out, and what is refused with its place. */
class MesAckFileTest {

    @TempDir
    Path dir;

    @Test
    void jsonAcknowledgementsAreReadAndBadEntriesNamedByTheirIndex() throws Exception {
        Path file = Files.writeString(dir.resolve("acks-7.json"), """
                { "acks": [ { "mo": "WH/MO/00001", "version": 1, "status": "ACCEPTED" },
                            { "mo": "WH/MO/00002", "version": 3, "status": "Rejected", "reason": "no such routing" },
                            { "mo": "WH/MO/00003", "version": 1, "status": "MAYBE" },
                            { "version": 1, "status": "ACCEPTED" } ] }
                """);

        MesAckFile.Parsed parsed = MesAckFile.parse(file, "acks-7.json");

        assertThat(parsed.acks()).containsExactly(new MesAckFile.Ack("acks[0]", "WH/MO/00001", 1, "ACCEPTED", null),
                new MesAckFile.Ack("acks[1]", "WH/MO/00002", 3, "REJECTED", "no such routing"));
        assertThat(parsed.problems()).containsExactly(
                new MesAckFile.Problem("acks[2]", "WH/MO/00003", "field status: 'MAYBE' is not one of "
                        + MesAckFile.STATUSES),
                new MesAckFile.Problem("acks[3]", null, "field mo: missing"));
    }

    @Test
    void aCsvWithoutTheDocumentedColumnsIsRefusedAsAWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("acks-8.csv"), "order;state\nWH/MO/00001;OK\n");

        assertThatThrownBy(() -> MesAckFile.parse(file, "acks-8.csv")).isInstanceOf(MesAckFile.Refused.class)
                .hasMessageStartingWith("line 1: columns [mo, version, status] missing");
    }

    @Test
    void jsonWithoutAnAcksArrayIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("acks-9.json"), "{\"answers\": []}");

        assertThatThrownBy(() -> MesAckFile.parse(file, "acks-9.json")).isInstanceOf(MesAckFile.Refused.class)
                .hasMessage("no \"acks\" array at the top level");
    }
}
