package dev.plantsync.production;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The release tables: each plant's read position, the run's file and the orders staged in it, and what each order's
 * last release was. An order counts as released once its file is UPLOADING (the MES may have it from then on) or
 * DELIVERED; rows of a file that never got that far are ignored by later runs.
 */
final class ReleaseStaging {

    /**
     * A run's release file and how far its reading of Odoo got; {@code layout} the layout it is rendered in (see
     * {@link ReleaseFileWriter#LAYOUT}), kept so a restart renders the same bytes across an upgrade.
     */
    record ReleaseFile(long id, long instance, String plant, String partner, String name, String format, String state,
            LocalDateTime readFrom, LocalDateTime readWriteDate, Integer readMoId, int orders, String sha256,
            int layout) {
    }

    /** The last release of an order. */
    record Previous(int moId, int version, String change, String fingerprint, String content) {

        boolean cancelled() {
            return "CANCELLED".equals(change);
        }
    }

    /** The first release of an order to a plant: the release row, its file and the name the order had then. */
    record FirstRelease(int moId, long id, long fileId, String moName) {
    }

    /** One staged order line, as the file is rendered from it. */
    record Line(int lineNo, int moId, String moName, int version, String change, String changes, String content) {
    }

    /** The newest write a plant's delivered runs read: the next run reads from a little before it. */
    record Cursor(LocalDateTime writeDate, int moId) {
    }

    private final JdbcClient jdbc;

    ReleaseStaging(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ReleaseFile> fileOf(long instance) {
        return jdbc.sql("""
                SELECT id, job_instance_id, plant, partner, name, format, state, read_from, read_write_date,
                       read_mo_id, orders, sha256, layout
                  FROM production_release_file WHERE job_instance_id = :instance""")
                .param("instance", instance)
                .query((rs, n) -> new ReleaseFile(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, LocalDateTime.class),
                        rs.getObject(9, LocalDateTime.class), rs.getObject(10, Integer.class), rs.getInt(11),
                        rs.getString(12), rs.getInt(13)))
                .optional();
    }

    ReleaseFile open(long instance, String plant, String partner, String name, String format, LocalDateTime readFrom) {
        jdbc.sql("""
                INSERT INTO production_release_file (job_instance_id, plant, partner, name, format, state, read_from,
                    layout)
                VALUES (:instance, :plant, :partner, :name, :format, 'STAGING', :from, :layout)""")
                .param("instance", instance).param("plant", plant).param("partner", partner).param("name", name)
                .param("format", format).param("from", readFrom).param("layout", ReleaseFileWriter.LAYOUT).update();
        return fileOf(instance).orElseThrow();
    }

    Optional<Cursor> cursor(String plant) {
        return jdbc.sql("SELECT write_date, mo_id FROM production_release_cursor WHERE plant = :plant")
                .param("plant", plant).query((rs, n) -> new Cursor(rs.getObject(1, LocalDateTime.class), rs.getInt(2))).optional();
    }

    /** The last release of each of these orders in the plant, by order id. */
    Map<Integer, Previous> previous(String plant, List<Integer> moIds) {
        Map<Integer, Previous> byId = new HashMap<>();
        if (moIds.isEmpty()) {
            return byId;
        }
        jdbc.sql("""
                SELECT DISTINCT ON (r.mo_id) r.mo_id, r.version, r.change, r.fingerprint, r.content
                  FROM production_release r JOIN production_release_file f ON f.id = r.file_id
                 WHERE r.plant = :plant AND r.mo_id = ANY(:ids) AND f.state IN ('UPLOADING', 'DELIVERED')
                 ORDER BY r.mo_id, r.id DESC""")
                .param("plant", plant).param("ids", moIds.toArray(Integer[]::new))
                .query((rs, n) -> new Previous(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list().forEach(p -> byId.put(p.moId(), p));
        return byId;
    }

    /** The first release of each of these orders to the plant that has one, by order id. */
    Map<Integer, FirstRelease> firstReleases(String plant, Collection<Integer> moIds) {
        Map<Integer, FirstRelease> byId = new HashMap<>();
        if (moIds.isEmpty()) {
            return byId;
        }
        jdbc.sql("""
                SELECT DISTINCT ON (r.mo_id) r.mo_id, r.id, r.file_id, r.mo_name
                  FROM production_release r JOIN production_release_file f ON f.id = r.file_id
                 WHERE r.plant = :plant AND r.mo_id = ANY(:ids) AND f.state IN ('UPLOADING', 'DELIVERED')
                 ORDER BY r.mo_id, r.id""")
                .param("plant", plant).param("ids", moIds.toArray(Integer[]::new))
                .query((rs, n) -> new FirstRelease(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
                .list().forEach(f -> byId.put(f.moId(), f));
        return byId;
    }

    /**
     * Stages an order in the file; read again later in the same run (it changed while the run read), its line is
     * replaced in place, keeping its position.
     */
    void stage(ReleaseFile file, int moId, String moName, int version, String change, String changes,
            String fingerprint, String content) {
        jdbc.sql("""
                INSERT INTO production_release (file_id, line_no, plant, mo_id, mo_name, version, change, changes,
                                                fingerprint, content)
                VALUES (:file, (SELECT coalesce(max(line_no), 0) + 1 FROM production_release WHERE file_id = :file),
                        :plant, :mo, :name, :version, :change, :changes, :fingerprint, :content)
                ON CONFLICT (file_id, mo_id) DO UPDATE SET mo_name = excluded.mo_name, version = excluded.version,
                    change = excluded.change, changes = excluded.changes, fingerprint = excluded.fingerprint,
                    content = excluded.content""")
                .param("file", file.id()).param("plant", file.plant()).param("mo", moId).param("name", moName)
                .param("version", version).param("change", change).param("changes", changes)
                .param("fingerprint", fingerprint).param("content", content).update();
    }

    /** An order staged earlier in this run that is, read again, the same as its last release after all. */
    void unstage(ReleaseFile file, int moId) {
        jdbc.sql("DELETE FROM production_release WHERE file_id = :file AND mo_id = :mo")
                .param("file", file.id()).param("mo", moId).update();
    }

    void advance(ReleaseFile file, LocalDateTime writeDate, int moId) {
        jdbc.sql("""
                UPDATE production_release_file
                   SET read_write_date = greatest(read_write_date, :date), read_mo_id = :mo WHERE id = :id""")
                .param("date", writeDate).param("mo", moId).param("id", file.id()).update();
    }

    void staged(ReleaseFile file) {
        jdbc.sql("""
                UPDATE production_release_file
                   SET state = 'STAGED', orders = (SELECT count(*) FROM production_release WHERE file_id = :id)
                 WHERE id = :id""").param("id", file.id()).update();
    }

    List<Line> lines(ReleaseFile file) {
        return jdbc.sql("""
                SELECT line_no, mo_id, mo_name, version, change, changes, content FROM production_release
                 WHERE file_id = :file ORDER BY line_no""")
                .param("file", file.id())
                .query((rs, n) -> new Line(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    void uploading(ReleaseFile file, String sha256, long size) {
        jdbc.sql("""
                UPDATE production_release_file SET state = 'UPLOADING', sha256 = :sha, size_bytes = :size WHERE id = :id""")
                .param("sha", sha256).param("size", size).param("id", file.id()).update();
    }

    /** The file is in the MES's drop (or there was nothing to send): the plant's reading moves on. */
    void finished(ReleaseFile file, String state) {
        jdbc.sql("UPDATE production_release_file SET state = :state, delivered_at = now() WHERE id = :id")
                .param("state", state).param("id", file.id()).update();
        if (file.readWriteDate() != null) {
            jdbc.sql("""
                    INSERT INTO production_release_cursor (plant, write_date, mo_id) VALUES (:plant, :date, :mo)
                    ON CONFLICT (plant) DO UPDATE SET write_date = excluded.write_date, mo_id = excluded.mo_id,
                                                      updated_at = now()
                    -- never back: a run that found only older orders (the newest left the plant's states) keeps it
                    WHERE production_release_cursor.write_date < excluded.write_date""")
                    .param("plant", file.plant()).param("date", file.readWriteDate()).param("mo", file.readMoId())
                    .update();
        }
    }
}
