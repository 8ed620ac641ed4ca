package dev.plantsync.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plantsync.support.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What COPY stages is exactly what was added: text with COPY's special characters, any Unicode, numbers, nulls. */
class CopyRowsTest {

    private static DriverManagerDataSource dataSource;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        TestDatabases.FreshDatabase db = TestDatabases.create();
        dataSource = new DriverManagerDataSource(db.url(), db.user(), "");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE staged (n int, label text, amount numeric(19,6), big bigint, flag boolean)");
    }

    @Test
    void textNumbersAndNullsArriveAsAdded() {
        jdbc.execute("TRUNCATE staged");
        List<Object[]> rows = List.of(
                new Object[] {1, "plain", new BigDecimal("12.5"), 9_000_000_000L, true},
                new Object[] {2, "tab\there, newline\nthere, return\r, back\\slash", new BigDecimal("1E+3"), -42L, false},
                new Object[] {3, "Müller, 東京, emoji \uD83D\uDE00 and a lone \uD800 surrogate", 0.25, Long.MIN_VALUE, null},
                new Object[] {-4, "", new BigDecimal("-0.000001"), 0L, null},
                new Object[] {null, null, null, null, null},
                new Object[] {Integer.MIN_VALUE, "\\N is text here", 7, Long.MAX_VALUE, true});
        try (CopyRows copy = new CopyRows(dataSource, "staged", List.of("n", "label", "amount", "big", "flag"))) {
            rows.forEach(copy::add);
            assertThat(copy.count()).isEqualTo(6);
        }

        List<Map<String, Object>> staged = jdbc.queryForList(
                "SELECT n, label, amount, big, flag FROM staged ORDER BY n NULLS LAST");
        assertThat(staged).extracting(r -> r.get("n")).containsExactly(Integer.MIN_VALUE, -4, 1, 2, 3, null);
        assertThat(staged).extracting(r -> r.get("label")).containsExactly("\\N is text here", "", "plain", "tab\there, newline\nthere, return\r, back\\slash",
                "Müller, 東京, emoji \uD83D\uDE00 and a lone ? surrogate", null);
        assertThat(staged).extracting(r -> r.get("amount")).containsExactly(new BigDecimal("7.000000"),
                new BigDecimal("-0.000001"), new BigDecimal("12.500000"), new BigDecimal("1000.000000"),
                new BigDecimal("0.250000"), null);
        assertThat(staged).extracting(r -> r.get("big")).containsExactly(Long.MAX_VALUE, 0L, 9_000_000_000L, -42L,
                Long.MIN_VALUE, null);
        assertThat(staged).extracting(r -> r.get("flag")).containsExactly(true, null, true, false, null, null);
    }

    @Test
    void rowsBeyondOneBufferAreAllStaged() {
        jdbc.execute("TRUNCATE staged");
        List<String> labels = new ArrayList<>();
        try (CopyRows copy = new CopyRows(dataSource, "staged", List.of("n", "label", "amount", "big", "flag"))) {
            for (int i = 0; i < 20_000; i++) {
                String label = "row " + i + " é".repeat(i % 7); // two-byte characters straddle the buffer's end
                labels.add(label);
                copy.add(i, label, new BigDecimal(i).movePointLeft(3), (long) i * -1_000_003, i % 2 == 0);
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staged", Long.class)).isEqualTo(20_000L);
        assertThat(jdbc.queryForList("SELECT label FROM staged ORDER BY n", String.class)).isEqualTo(labels);
        assertThat(jdbc.queryForObject("SELECT sum(big) FROM staged", Long.class))
                .isEqualTo(-1_000_003L * (19_999L * 20_000 / 2));
    }

    @Test
    void aRowOfTheWrongWidthIsRefusedBeforeAnythingIsSent() {
        try (CopyRows copy = new CopyRows(dataSource, "staged", List.of("n", "label"))) {
            assertThatThrownBy(() -> copy.add(1)).hasMessage("staged: 1 values for 2 columns");
        }
    }
}
