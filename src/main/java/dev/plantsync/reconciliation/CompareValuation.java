package dev.plantsync.reconciliation;

import java.time.LocalDate;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per valuation account, the stock value against the ledger balance, and the difference taken apart in SQL: records
 * with no journal entry, records whose entry falls in another period, journal entries with no stock origin (manual),
 * record/entry pairs that differ by rounding, and the value of categories valued periodically, which by design has
 * no entry until the closing (one PERIODIC_VALUATION line per product, apart from the breaks of perpetual ones).
 * What is left is UNEXPLAINED, with its amount.
 */
class CompareValuation implements Tasklet {

    private static final String NOT_POSTED = """
            INSERT INTO valuation_break (job_instance_id, account, category, item, reference, amount)
            SELECT :run, r.account, CASE WHEN r.journal_move_id IS NULL THEN 'NO_JOURNAL_ENTRY' ELSE 'OTHER_PERIOD' END,
                   r.item, CASE WHEN r.journal_move_id IS NULL THEN 'valuation record ' || r.source_id
                                ELSE 'journal entry ' || r.journal_move_id || ' dated after the period' END, r.value
              FROM valuation_recon_record r
             WHERE r.job_instance_id = :run AND r.value <> 0 AND NOT (r.periodic AND r.journal_move_id IS NULL)
               AND (r.journal_move_id IS NULL OR NOT EXISTS (SELECT 1 FROM valuation_recon_entry e
                                                             WHERE e.job_instance_id = :run
                                                               AND e.move_id = r.journal_move_id))""";

    /** Periodic categories: no entry per move, expected; per account and product, with how many records. */
    private static final String PERIODIC = """
            INSERT INTO valuation_break (job_instance_id, account, category, item, reference, amount)
            SELECT :run, r.account, 'PERIODIC_VALUATION', r.item,
                   count(*) || ' valuation record(s) of a periodic category: in the ledger at closing', sum(r.value)
              FROM valuation_recon_record r
             WHERE r.job_instance_id = :run AND r.periodic AND r.journal_move_id IS NULL
             GROUP BY r.account, r.item HAVING sum(r.value) <> 0""";

    private static final String MANUAL = """
            INSERT INTO valuation_break (job_instance_id, account, category, item, reference, amount)
            SELECT :run, e.account, 'MANUAL_ENTRY', max(e.item), max(e.move_name), -sum(e.balance)
              FROM valuation_recon_entry e
             WHERE e.job_instance_id = :run
               AND NOT EXISTS (SELECT 1 FROM valuation_recon_record r WHERE r.job_instance_id = :run
                                  AND r.journal_move_id = e.move_id)
             GROUP BY e.account, e.move_id HAVING sum(e.balance) <> 0""";

    private static final String PAIRS = """
            WITH m AS (SELECT account, journal_move_id, max(item) AS item, sum(value) AS v FROM valuation_recon_record
                        WHERE job_instance_id = :run AND journal_move_id IS NOT NULL
                        GROUP BY account, journal_move_id),
                 g AS (SELECT account, move_id, max(move_name) AS name, sum(balance) AS b FROM valuation_recon_entry
                        WHERE job_instance_id = :run GROUP BY account, move_id)
            INSERT INTO valuation_break (job_instance_id, account, category, item, reference, amount)
            SELECT :run, m.account, CASE WHEN abs(m.v - g.b) <= :rounding THEN 'ROUNDING' ELSE 'UNEXPLAINED' END,
                   m.item, g.name, m.v - g.b
              FROM m JOIN g ON g.account = m.account AND g.move_id = m.journal_move_id
             WHERE m.v <> g.b""";

    private static final String TOTALS = """
            INSERT INTO valuation_recon_run (job_instance_id, as_of, account, stock_value, ledger_balance, difference,
                unexplained)
            SELECT :run, :asOf, a.account, coalesce(s.v, 0), coalesce(l.b, 0), coalesce(s.v, 0) - coalesce(l.b, 0), 0
              FROM (SELECT account FROM valuation_recon_record WHERE job_instance_id = :run
                    UNION SELECT account FROM valuation_recon_entry WHERE job_instance_id = :run) a
              LEFT JOIN (SELECT account, sum(value) AS v FROM valuation_recon_record WHERE job_instance_id = :run
                          GROUP BY account) s ON s.account = a.account
              LEFT JOIN (SELECT account, sum(balance) AS b FROM valuation_recon_entry WHERE job_instance_id = :run
                          GROUP BY account) l ON l.account = a.account""";

    /** Whatever the parts do not add up to is one more UNEXPLAINED amount, so the parts always sum to the difference. */
    private static final String RESIDUAL = """
            INSERT INTO valuation_break (job_instance_id, account, category, item, reference, amount)
            SELECT :run, t.account, 'UNEXPLAINED', NULL, 'not attributable to a record or an entry',
                   t.difference - coalesce((SELECT sum(amount) FROM valuation_break b
                                             WHERE b.job_instance_id = :run AND b.account = t.account), 0)
              FROM valuation_recon_run t
             WHERE t.job_instance_id = :run
               AND t.difference <> coalesce((SELECT sum(amount) FROM valuation_break b
                                             WHERE b.job_instance_id = :run AND b.account = t.account), 0)""";

    private static final String UNEXPLAINED = """
            UPDATE valuation_recon_run t SET unexplained = coalesce((SELECT sum(amount) FROM valuation_break b
                    WHERE b.job_instance_id = :run AND b.account = t.account AND b.category = 'UNEXPLAINED'), 0)
             WHERE t.job_instance_id = :run""";

    /** The run's header: sizes of both sides, breaks, their absolute value and the accounts' unexplained amounts. */
    private static final String REPORT = """
            INSERT INTO valuation_recon_report (job_instance_id, as_of, records, entries, breaks, break_value,
                unexplained)
            SELECT :run, :asOf,
                   (SELECT count(*) FROM valuation_recon_record WHERE job_instance_id = :run),
                   (SELECT count(*) FROM valuation_recon_entry WHERE job_instance_id = :run),
                   (SELECT count(*) FROM valuation_break WHERE job_instance_id = :run),
                   (SELECT coalesce(sum(abs(amount)), 0) FROM valuation_break WHERE job_instance_id = :run),
                   (SELECT coalesce(sum(abs(unexplained)), 0) FROM valuation_recon_run WHERE job_instance_id = :run)
            ON CONFLICT (job_instance_id) DO UPDATE SET as_of = EXCLUDED.as_of, records = EXCLUDED.records,
                entries = EXCLUDED.entries, breaks = EXCLUDED.breaks, break_value = EXCLUDED.break_value,
                unexplained = EXCLUDED.unexplained""";

    private final JdbcClient jdbc;

    CompareValuation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        long run = step.getJobExecution().getJobInstance().getId();
        LocalDate asOf = ValuationReconciliationJob.asOf(step.getJobParameters());
        jdbc.sql("DELETE FROM valuation_break WHERE job_instance_id = :run").param("run", run).update();
        jdbc.sql("DELETE FROM valuation_recon_run WHERE job_instance_id = :run").param("run", run).update();
        jdbc.sql(NOT_POSTED).param("run", run).update();
        jdbc.sql(PERIODIC).param("run", run).update();
        jdbc.sql(MANUAL).param("run", run).update();
        jdbc.sql(PAIRS).param("run", run).param("rounding", new java.math.BigDecimal("0.01")).update();
        jdbc.sql(TOTALS).param("run", run).param("asOf", asOf).update();
        jdbc.sql(RESIDUAL).param("run", run).update();
        jdbc.sql(UNEXPLAINED).param("run", run).update();
        jdbc.sql(REPORT).param("run", run).param("asOf", asOf).update();
        ReconciliationReports.compareWithPrevious(jdbc, ReportKind.VALUATION, run);
        return RepeatStatus.FINISHED;
    }
}
