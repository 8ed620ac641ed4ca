package dev.plantsync.edi;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers every interchange by sender and control number. A partner who sends the same interchange again (a retry
 * on their side, a re-dropped file under another name) gets it refused as a duplicate instead of invoices posted twice.
 */
@Component
public class InterchangeRegistry {

    private final JdbcClient jdbc;

    public InterchangeRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers the interchange; empty if new, else the file that brought it first. */
    public Optional<String> registerOrFindFirst(Interchange interchange, Long inboundFileId, String fileName) {
        int inserted = jdbc.sql("""
                INSERT INTO edi_interchange (sender, control_number, standard, inbound_file_id, file_name)
                VALUES (:sender, :control, :standard, :file, :name)
                ON CONFLICT (sender, control_number) DO NOTHING""")
                .param("sender", interchange.senderId()).param("control", interchange.controlNumber())
                .param("standard", interchange.standard()).param("file", inboundFileId).param("name", fileName)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT file_name FROM edi_interchange WHERE sender = :sender AND control_number = :control")
                .param("sender", interchange.senderId()).param("control", interchange.controlNumber())
                .query(String.class).optional();
    }

    /** The error a duplicate interchange gets, located at its header. */
    public static EdiError duplicate(Interchange interchange, String file, String firstFile) {
        return new EdiError(file, interchange.controlNumber(), null, 1, "X12".equals(interchange.standard()) ? "ISA" : "UNB",
                "X12".equals(interchange.standard()) ? 13 : 5, EdiError.Code.DUPLICATE_INTERCHANGE,
                "interchange " + interchange.controlNumber() + " from " + interchange.senderId()
                        + " was already received in " + firstFile);
    }
}
