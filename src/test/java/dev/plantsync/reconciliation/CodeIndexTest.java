package dev.plantsync.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The first id per code, as a map would keep it, for codes that share hashes, prefixes or nothing at all. */
class CodeIndexTest {

    @Test
    void keepsTheFirstIdOfEachCode() {
        CodeIndex index = new CodeIndex();
        assertThat(index.putIfAbsent("PS-R001", 7)).isEqualTo(7);
        assertThat(index.putIfAbsent("PS-R001", 9)).isEqualTo(7);
        assertThat(index.putIfAbsent("PS-R00", 11)).isEqualTo(11); // a prefix is another code
        assertThat(index.putIfAbsent("PS-R0011", 12)).isEqualTo(12);
        assertThat(index.putIfAbsent("Aa", 1)).isEqualTo(1); // "Aa" and "BB" have the same String.hashCode
        assertThat(index.putIfAbsent("BB", 2)).isEqualTo(2);
        assertThat(index.putIfAbsent("BB", 3)).isEqualTo(2);
        assertThat(index.putIfAbsent("Ünïcödé 東京", 4)).isEqualTo(4);
        assertThat(index.putIfAbsent("Ünïcödé 東京", 5)).isEqualTo(4);
        assertThat(index.size()).isEqualTo(6);
    }

    @Test
    void answersAsAMapWouldAcrossGrowth() {
        CodeIndex index = new CodeIndex();
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(42);
        for (int id = 1; id <= 300_000; id++) {
            // a third of the codes repeat an earlier one; lengths vary so the characters array grows unevenly
            String code = random.nextInt(3) == 0 && id > 1 ? "C" + random.nextInt(id) : "C" + id + "x".repeat(id % 5);
            Integer first = expected.putIfAbsent(code, id);
            assertThat(index.putIfAbsent(code, id)).isEqualTo(first == null ? id : first);
        }
        assertThat(index.size()).isEqualTo(expected.size());
    }

    @Test
    void findsEntriesInTheOrderCodesWerePutAndListsThemBack() {
        CodeIndex index = new CodeIndex();
        index.putIfAbsent("PS-R001", 7);
        index.putIfAbsent("Aa", 1);
        index.putIfAbsent("BB", 2);
        index.putIfAbsent("Aa", 3);

        assertThat(index.entry("BB")).isEqualTo(2);
        assertThat(index.id(index.entry("Aa"))).isEqualTo(1);
        assertThat(index.entry("PS-R00")).isEqualTo(-1);
        assertThat(index.entry("Ab")).isEqualTo(-1);
        java.util.List<String> listed = new java.util.ArrayList<>();
        for (int entry = 0; entry < index.size(); entry++) {
            listed.add(index.code(entry) + "=" + index.id(entry));
        }
        assertThat(listed).containsExactly("PS-R001=7", "Aa=1", "BB=2");
    }
}
