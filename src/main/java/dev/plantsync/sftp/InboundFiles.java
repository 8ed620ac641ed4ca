package dev.plantsync.sftp;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code inbound_file} register: every file a partner dropped, with its checksum and what became of it. The same
 * bytes from the same partner are processed once: a second copy is registered as DUPLICATE of the first.
 */
public final class InboundFiles {

    /** A registered file; {@code duplicateOf} is set when the same bytes were registered before. */
    public record Registration(long id, Long duplicateOf) {
        public boolean duplicate() {
            return duplicateOf != null;
        }
    }

    private final JdbcClient jdbc;

    public InboundFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code dropped}: the file's modification time on the partner's drop, when the flow's latency starts. */
    public Registration register(String partner, String documentType, String name, long size, String sha256,
            Path localPath, String remotePath, Instant dropped) {
        Optional<Long> id = jdbc.sql("""
                INSERT INTO inbound_file (partner, document_type, name, size_bytes, sha256, state, local_path, remote_path,
                                          dropped_at)
                VALUES (:partner, :type, :name, :size, :sha, 'CLAIMED', :local, :remote, :dropped)
                ON CONFLICT (partner, sha256) WHERE state <> 'DUPLICATE' DO NOTHING
                RETURNING id""")
                .param("partner", partner).param("type", documentType).param("name", name).param("size", size)
                .param("sha", sha256).param("local", localPath.toString()).param("remote", remotePath)
                .param("dropped", dropped == null ? null : OffsetDateTime.ofInstant(dropped, ZoneOffset.UTC))
                .query(Long.class).optional();
        if (id.isPresent()) {
            return new Registration(id.get(), null);
        }
        long first = jdbc.sql("SELECT id FROM inbound_file WHERE partner = :partner AND sha256 = :sha AND state <> 'DUPLICATE'")
                .param("partner", partner).param("sha", sha256).query(Long.class).single();
        long duplicate = jdbc.sql("""
                INSERT INTO inbound_file (partner, document_type, name, size_bytes, sha256, state, state_reason,
                                          local_path, remote_path, duplicate_of)
                VALUES (:partner, :type, :name, :size, :sha, 'DUPLICATE', :reason, :local, :remote, :first)
                RETURNING id""")
                .param("partner", partner).param("type", documentType).param("name", name).param("size", size)
                .param("sha", sha256).param("reason", "same content as inbound file " + first)
                .param("local", localPath.toString()).param("remote", remotePath).param("first", first)
                .query(Long.class).single();
        return new Registration(duplicate, first);
    }

    /** A file refused before download (e.g. too large): registered with its reason, no checksum. */
    public long quarantinedUnread(String partner, String documentType, String name, long size, String reason,
            String remotePath) {
        return jdbc.sql("""
                INSERT INTO inbound_file (partner, document_type, name, size_bytes, state, state_reason, remote_path)
                VALUES (:partner, :type, :name, :size, 'QUARANTINED', :reason, :remote) RETURNING id""")
                .param("partner", partner).param("type", documentType).param("name", name).param("size", size)
                .param("reason", reason).param("remote", remotePath).query(Long.class).single();
    }

    public void state(long id, String state, String reason, String remotePath) {
        jdbc.sql("""
                UPDATE inbound_file SET state = :state, state_reason = :reason, remote_path = :remote, updated_at = now()
                 WHERE id = :id""")
                .param("state", state).param("reason", reason).param("remote", remotePath).param("id", id).update();
    }

    /** A file a run took but did not finish (state CLAIMED or STAGED). */
    public record Unfinished(long id, String partner, String documentType, String name, String localPath, String sha256,
            long size, String remotePath, String state) {
    }

    public List<Unfinished> unfinished(String documentType) {
        return jdbc.sql("""
                SELECT id, partner, document_type, name, local_path, sha256, size_bytes, remote_path, state
                  FROM inbound_file WHERE document_type = :type AND state IN ('CLAIMED', 'STAGED') ORDER BY id""")
                .param("type", documentType)
                .query((rs, n) -> new Unfinished(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9)))
                .list();
    }

    /** Records an acknowledgement sent back for the file (several interchanges: several names). */
    public void acknowledged(long id, String name) {
        jdbc.sql("""
                UPDATE inbound_file SET acknowledgements = concat_ws(', ', acknowledgements, :name), acknowledged_at = now()
                 WHERE id = :id""").param("name", name).param("id", id).update();
    }

    /** A file as the partners page lists it. */
    public record Listed(long id, String partner, String documentType, String name, long sizeBytes, String state,
            String reason, OffsetDateTime receivedAt, OffsetDateTime updatedAt,
            String acknowledgements, Long jobExecutionId, Long duplicateOf) {
    }

    /** Newest first; {@code partner} and {@code state} narrow when given. One more than {@code limit} tells of a next page. */
    public List<Listed> list(String partner, String state, int offset, int limit) {
        return jdbc.sql("""
                SELECT id, partner, document_type, name, size_bytes, state, state_reason, received_at, updated_at,
                       acknowledgements, job_execution_id, duplicate_of
                  FROM inbound_file
                 WHERE (CAST(:partner AS TEXT) IS NULL OR partner = :partner)
                   AND (CAST(:state AS TEXT) IS NULL OR state = :state)
                 ORDER BY received_at DESC, id DESC OFFSET :offset LIMIT :limit""")
                .param("partner", partner).param("state", state).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new Listed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class),
                        rs.getString(10), rs.getObject(11, Long.class), rs.getObject(12, Long.class)))
                .list();
    }

    /** Files per partner and state, for the partners page's header. */
    public Map<String, Map<String, Integer>> countsByPartner() {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        jdbc.sql("SELECT partner, state, count(*) FROM inbound_file GROUP BY partner, state").query(rs -> {
            counts.computeIfAbsent(rs.getString(1), p -> new TreeMap<>()).put(rs.getString(2), rs.getInt(3));
        });
        return counts;
    }

    /** Which of these remote paths of the partner a register row knows (claimed, archived, quarantined, ...). */
    public Set<String> knownRemotePaths(String partner, Collection<String> remotePaths) {
        if (remotePaths.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                SELECT remote_path FROM inbound_file WHERE partner = :partner AND remote_path = ANY(:paths)""")
                .param("partner", partner).param("paths", remotePaths.toArray(String[]::new))
                .query(String.class).list());
    }

    public String stateOf(long id) {
        return jdbc.sql("SELECT state FROM inbound_file WHERE id = :id").param("id", id).query(String.class).single();
    }
}
