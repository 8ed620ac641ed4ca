package dev.plantsync.costing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plantsync.platform.ReportExport;
import dev.plantsync.platform.StreamedQueries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A cost roll-up's report for finance: the run's settings, counts and money per outcome, and every product's cost
 * breakdown (material, operations, overhead), old and new cost, variance and revaluation impact, streamed as CSV or
 * XLSX in the order asked for (impact first by default).
 */
@Service
public class CostRollupRuns {

    /** Report orders: by revaluation impact, by variance percent, by product code. */
    public static final Map<String, String> ORDERS = Map.of(
            "impact", "abs(revaluation) DESC, abs(coalesce(variance, 0) * on_hand) DESC, code, product_id",
            "variance", "abs(coalesce(variance_percent, 0)) DESC, code, product_id",
            "code", "code, product_id");

    private static final String PRODUCTS = """
            SELECT code, cost_source, source_reference, bom_id, round(material, 2) AS material,
                   round(operations, 2) AS operations, round(overhead, 2) AS overhead, new_cost, old_cost, variance,
                   variance_percent, cost_method, on_hand, revaluation, state, written_cost, reason
              FROM cost_rollup_line WHERE job_instance_id = ? ORDER BY %s""";
    private static final List<String> HEADER = List.of("code", "cost_source", "source_reference", "bom_id", "material",
            "operations", "overhead", "new_cost", "old_cost", "variance", "variance_percent", "cost_method", "on_hand",
            "revaluation", "state", "written_cost", "reason");

    private final JdbcClient jdbc;
    private final StreamedQueries streamed;

    CostRollupRuns(JdbcClient jdbc, StreamedQueries streamed) {
        this.jdbc = jdbc;
        this.streamed = streamed;
    }

    /** Empty when the run rolled nothing up (or is no cost roll-up). */
    public Map<String, Object> summary(long run) {
        Map<String, Object> summary = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT policy, overhead_rate, variance_percent, revaluation_amount, rolled_at FROM cost_rollup_run
                 WHERE job_instance_id = :run""").param("run", run).query(rs -> {
                    summary.put("run", run);
                    summary.put("componentCost", rs.getString("policy"));
                    summary.put("overheadRate", rs.getBigDecimal("overhead_rate"));
                    summary.put("variancePercentLimit", rs.getBigDecimal("variance_percent"));
                    summary.put("revaluationLimit", rs.getBigDecimal("revaluation_amount"));
                    summary.put("rolledAt", rs.getObject("rolled_at", java.time.OffsetDateTime.class));
                });
        if (summary.isEmpty()) {
            return summary;
        }
        summary.put("states", jdbc.sql("""
                SELECT state, count(*) AS products, sum(revaluation) AS revaluation FROM cost_rollup_line
                 WHERE job_instance_id = :run GROUP BY state ORDER BY state""").param("run", run)
                .query((rs, n) -> {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("state", rs.getString(1));
                    state.put("products", rs.getInt(2));
                    state.put("revaluation", rs.getBigDecimal(3));
                    return state;
                })
                .list());
        return summary;
    }

    /** {@code order}: a key of {@link #ORDERS}. */
    public void exportProducts(long run, String order, ReportExport export) {
        streamed.export(PRODUCTS.formatted(ORDERS.get(order)), export, HEADER, run);
    }
}
