package dev.plantsync.production;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code mes_event} and {@code mes_mo_map}: MES events staged once per plant and event id, their way to Odoo, and
 * where each MES order name points in Odoo now. Every state change is committed on its own ({@code REQUIRES_NEW}):
 * an event marked before its Odoo calls stays marked whatever happens to the step after.
 */
class CompletionStaging {

    private static final String COLUMNS = """
            id, plant, event_id, inbound_file_id, line, mo_name, event_type, final, quantity, unit, product_code, lot,
            event_time, state, approved, produced_before, marked_at, odoo_mo_id""";

    /** What staging an event did. */
    enum Staged {
        NEW, DUPLICATE, ID_REUSED
    }

    /** Where an MES order name points in Odoo, and what its family was ordered for. */
    record MoMap(long odooMoId, String odooName, BigDecimal orderedQty) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate own;

    CompletionStaging(JdbcClient jdbc, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(tm);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Stages the event in the caller's transaction, once per plant and event id: the same event sent again is a
     * DUPLICATE (nothing changes), the same id with other content is ID_REUSED (the first one stands).
     */
    Staged stage(String plant, long fileId, MesEvent e, long instance) {
        String fingerprint = fingerprint(e);
        int inserted = jdbc.sql("""
                INSERT INTO mes_event (plant, event_id, inbound_file_id, line, mo_name, event_type, final, quantity,
                    unit, product_code, lot, event_time, work_centre, operator, reason, fingerprint, job_instance_id)
                VALUES (:plant, :event, :file, :line, :mo, :type, :final, :qty, :unit, :product, :lot, :time, :wc,
                    :operator, :reason, :fingerprint, :instance)
                ON CONFLICT (plant, event_id) DO NOTHING""")
                .param("plant", plant).param("event", e.eventId()).param("file", fileId).param("line", e.line())
                .param("mo", e.moName()).param("type", e.type().name()).param("final", e.finalProduction())
                .param("qty", e.quantity()).param("unit", e.unit()).param("product", e.productCode())
                .param("lot", e.lot()).param("time", Timestamp.from(e.time())).param("wc", e.workCentre())
                .param("operator", e.operator()).param("reason", e.reason()).param("fingerprint", fingerprint)
                .param("instance", instance).update();
        if (inserted == 1) {
            return Staged.NEW;
        }
        String first = jdbc.sql("SELECT fingerprint FROM mes_event WHERE plant = :plant AND event_id = :event")
                .param("plant", plant).param("event", e.eventId()).query(String.class).single();
        return first.equals(fingerprint) ? Staged.DUPLICATE : Staged.ID_REUSED;
    }

    /** What identifies the event's content (not where it stood in which file). */
    static String fingerprint(MesEvent e) {
        String text = String.join("|", e.eventId(), e.moName(), e.type().name(), String.valueOf(e.finalProduction()),
                e.quantity() == null ? "" : e.quantity().stripTrailingZeros().toPlainString(),
                String.valueOf(e.unit()), String.valueOf(e.productCode()), String.valueOf(e.lot()),
                e.time().toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The MES order names of a plant with open events, the oldest first. */
    List<String> openOrders(String plant) {
        return jdbc.sql("""
                SELECT mo_name FROM mes_event WHERE plant = :plant AND state IN ('STAGED', 'MARKED', 'APPROVAL')
                 GROUP BY mo_name ORDER BY min(id)""").param("plant", plant).query(String.class).list();
    }

    /** The open events of one order in the MES's order (the order they were staged in: file, then line). */
    List<StagedEvent> open(String plant, String moName) {
        return jdbc.sql("SELECT " + COLUMNS + " " + """
                 FROM mes_event WHERE plant = :plant AND mo_name = :mo AND state IN ('STAGED', 'MARKED', 'APPROVAL')
                 ORDER BY id""").param("plant", plant).param("mo", moName).query(CompletionStaging::row).list();
    }

    /** The events of this run that wait for an approver. */
    List<Waiting> awaiting(long instance) {
        return jdbc.sql("""
                SELECT e.id, e.plant, e.event_id, e.mo_name, e.event_type, e.state_reason, e.impact_quantity,
                       e.impact_amount, f.name
                  FROM mes_event e LEFT JOIN inbound_file f ON f.id = e.inbound_file_id
                 WHERE e.job_instance_id = :instance AND e.state = 'APPROVAL' ORDER BY e.id""")
                .param("instance", instance)
                .query((rs, n) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9)))
                .list();
    }

    /** An event waiting for an approver, as the approval request shows it. */
    record Waiting(long id, String plant, String eventId, String moName, String type, String reason,
            BigDecimal quantity, BigDecimal amount, String file) {
    }

    Optional<StagedEvent> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mes_event WHERE id = :id").param("id", id)
                .query(CompletionStaging::row).optional();
    }

    /**
     * Marks the events before their first Odoo call, committed at once (see the class comment), with the Odoo order
     * they go to and its name now.
     */
    void mark(Collection<Long> ids, long odooMo, String odooMoName, BigDecimal producedBefore, long instance) {
        own.executeWithoutResult(tx -> jdbc.sql("""
                UPDATE mes_event SET state = 'MARKED', marked_at = now(), odoo_mo_id = :mo, odoo_mo_name = :name,
                       produced_before = :before, job_instance_id = :instance
                 WHERE id IN (:ids)""").param("ids", ids).param("mo", odooMo).param("name", odooMoName)
                .param("before", producedBefore).param("instance", instance).update());
    }

    /**
     * The events are in Odoo: applied to {@code odooMo}, named {@code odooMoName} once they were (Odoo renames the
     * order a partial production splits: WH/MO/00017-001), a CONSUMED one with {@code producedWith}.
     */
    void applied(Collection<Long> ids, long odooMo, String odooMoName, Long odooRecord, Long producedWith, String note,
            long instance) {
        own.executeWithoutResult(tx -> appliedHere(ids, odooMo, odooMoName, odooRecord, producedWith, note,
                instance));
    }

    /** {@link #applied} in the caller's transaction (within {@link #ownTransaction}, with the events that go with). */
    void appliedHere(Collection<Long> ids, long odooMo, String odooMoName, Long odooRecord, Long producedWith,
            String note, long instance) {
        jdbc.sql("""
                UPDATE mes_event SET state = 'APPLIED', applied_at = now(), odoo_mo_id = :mo,
                       odoo_mo_name = coalesce(CAST(:name AS VARCHAR), odoo_mo_name), odoo_record_id = :record,
                       produced_with = CASE WHEN id = :with THEN NULL ELSE CAST(:with AS bigint) END,
                       state_reason = :note, job_instance_id = :instance
                 WHERE id IN (:ids)""").param("ids", ids).param("mo", odooMo).param("name", odooMoName)
                .param("record", odooRecord).param("with", producedWith).param("note", note)
                .param("instance", instance).update();
    }

    /**
     * Work committed on its own, e.g. an event's state with its exception record: both survive whatever happens to
     * the step after (a crash must not keep the state and lose the record).
     */
    void ownTransaction(Runnable work) {
        own.executeWithoutResult(tx -> work.run());
    }

    /** Ends an event's way otherwise: EXCEPTION, REJECTED, SKIPPED (with why), or back to STAGED. */
    void state(long id, String state, String reason, long instance) {
        own.executeWithoutResult(tx -> stateHere(id, state, reason, instance));
    }

    /** {@link #state} in the caller's transaction (within {@link #ownTransaction}, with its exception record). */
    void stateHere(long id, String state, String reason, long instance) {
        jdbc.sql("""
                UPDATE mes_event SET state = :state, state_reason = :reason, job_instance_id = :instance
                 WHERE id = :id""").param("id", id).param("state", state).param("reason", reason)
                .param("instance", instance).update();
    }

    /**
     * The event waits for an approver, with what is at stake; the CONSUMED events that go with it are tied to it, so
     * that a decision not to apply it settles them too.
     */
    void approval(long id, Collection<Long> consumed, String reason, BigDecimal quantity, BigDecimal amount,
            long instance) {
        own.executeWithoutResult(tx -> {
            jdbc.sql("""
                    UPDATE mes_event SET state = 'APPROVAL', state_reason = :reason, impact_quantity = :qty,
                           impact_amount = :amount, job_instance_id = :instance WHERE id = :id""")
                    .param("id", id).param("reason", reason).param("qty", quantity).param("amount", amount)
                    .param("instance", instance).update();
            if (!consumed.isEmpty()) {
                jdbc.sql("UPDATE mes_event SET produced_with = :id WHERE id IN (:ids)").param("id", id)
                        .param("ids", consumed).update();
            }
        });
    }

    /** The CONSUMED events tied to an event (still open): they share its decision. */
    List<Long> tiedTo(long id) {
        return jdbc.sql("SELECT id FROM mes_event WHERE produced_with = :id AND state IN ('STAGED', 'APPROVAL')")
                .param("id", id).query(Long.class).list();
    }

    /** An approver let the event through: it goes on as reported, the tolerance no longer asked. */
    void approved(long id, String decision, long instance) {
        own.executeWithoutResult(tx -> jdbc.sql("""
                UPDATE mes_event SET state = 'STAGED', approved = true, state_reason = :decision,
                       job_instance_id = :instance WHERE id = :id""")
                .param("id", id).param("decision", decision).param("instance", instance).update());
    }

    /** Which of the names are mapped already (one query for a chunk of names). */
    Set<String> mapped(String plant, Collection<String> mesNames) {
        if (mesNames.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT mes_name FROM mes_mo_map WHERE plant = :p AND mes_name IN (:names)")
                .param("p", plant).param("names", mesNames).query(String.class).list());
    }

    Optional<MoMap> map(String plant, String mesName) {
        return jdbc.sql("SELECT odoo_mo_id, odoo_name, ordered_qty FROM mes_mo_map WHERE plant = :p AND mes_name = :n")
                .param("p", plant).param("n", mesName)
                .query((rs, n) -> new MoMap(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3))).optional();
    }

    void map(String plant, String mesName, MoMap map) {
        own.executeWithoutResult(tx -> jdbc.sql("""
                INSERT INTO mes_mo_map (plant, mes_name, odoo_mo_id, odoo_name, ordered_qty)
                VALUES (:p, :n, :mo, :name, :qty)
                ON CONFLICT (plant, mes_name) DO UPDATE SET odoo_mo_id = EXCLUDED.odoo_mo_id,
                    odoo_name = EXCLUDED.odoo_name, updated_at = now()""")
                .param("p", plant).param("n", mesName).param("mo", map.odooMoId()).param("name", map.odooName())
                .param("qty", map.orderedQty()).update());
    }

    private static StagedEvent row(ResultSet rs, int n) throws SQLException {
        Timestamp marked = rs.getTimestamp(17);
        long file = rs.getLong(4);
        Long fileId = rs.wasNull() ? null : file;
        long mo = rs.getLong(18);
        Long moId = rs.wasNull() ? null : mo;
        return new StagedEvent(rs.getLong(1), rs.getString(2), rs.getString(3), fileId, rs.getInt(5),
                rs.getString(6), MesEvent.Type.valueOf(rs.getString(7)), rs.getBoolean(8), rs.getBigDecimal(9),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getTimestamp(13).toInstant(),
                rs.getString(14), rs.getBoolean(15), rs.getBigDecimal(16),
                marked == null ? null : marked.toInstant(), moId);
    }
}
