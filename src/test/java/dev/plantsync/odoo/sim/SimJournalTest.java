package dev.plantsync.odoo.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failing business method leaves the simulated database as it found it, as PostgreSQL rolls a call back, though
 * only the records it touched are copied; the tables' indexes follow. The manufacturing replay cannot show this (no
 * recorded fault changes anything before it is raised).
 */
class SimJournalTest {

    private static final int UID = 2;

    private SimOrm orm;
    private int parent;
    private int child;
    private int other;

    @BeforeEach
    void categories() {
        orm = new SimOrm(19);
        parent = orm.create("product.category", List.of(Map.of("name", "Parent")), UID).get(0);
        child = orm.create("product.category", List.of(Map.of("name", "Child", "parent_id", parent)), UID).get(0);
        other = orm.create("product.category", List.of(Map.of("name", "Other")), UID).get(0);
    }

    @Test
    void aFailedCallPutsBackWhatItChangedCreatedAndRemoved() {
        Map<Integer, Map<String, Object>> before = snapshot();

        assertThatThrownBy(() -> orm.transaction(() -> {
            orm.writeRecord("product.category", child, Map.of("name", "Renamed", "parent_id", other), UID);
            orm.createRecord("product.category", new LinkedHashMap<>(Map.of("name", "New", "parent_id", parent)), UID);
            orm.table("product.category").remove(other);
            orm.get("product.category", parent).put("name", "Changed in place");
            throw SimError.user("refused after the changes");
        })).hasMessageContaining("refused after the changes");

        assertThat(snapshot()).isEqualTo(before);
        assertThat(orm.where("product.category", "parent_id", parent)).extracting(r -> r.get("id")).containsExactly(child);
        assertThat(orm.where("product.category", "parent_id", other)).isEmpty();
        assertThat(orm.where("product.category", "name", "Other")).extracting(r -> r.get("id")).containsExactly(other);
        int next = orm.create("product.category", List.of(Map.of("name", "After")), UID).get(0);
        assertThat(next).as("ids spent stay spent, as sequences").isEqualTo(other + 2);
    }

    @Test
    void aSucceededCallKeepsItsChangesAndTheIndexesShowThem() {
        orm.where("product.category", "parent_id", parent); // the index exists before the change

        int created = orm.transaction(() -> {
            orm.writeRecord("product.category", child, Map.of("parent_id", other), UID);
            return orm.createRecord("product.category", new LinkedHashMap<>(Map.of("name", "New", "parent_id", parent)),
                    UID);
        });

        assertThat(orm.get("product.category", child).get("parent_id")).isEqualTo(other);
        assertThat(orm.where("product.category", "parent_id", parent)).extracting(r -> r.get("id")).containsExactly(created);
        assertThat(orm.where("product.category", "parent_id", other)).extracting(r -> r.get("id")).containsExactly(child);
    }

    @Test
    void anInnerFailureUndoesOnlyTheInnerChanges() {
        orm.transaction(() -> {
            orm.get("product.category", parent).put("name", "Outer");
            assertThatThrownBy(() -> orm.transaction(() -> {
                orm.get("product.category", parent).put("name", "Inner");
                orm.get("product.category", child).put("name", "Inner");
                throw SimError.user("inner");
            })).hasMessage("inner");
            return null;
        });

        assertThat(orm.get("product.category", parent).get("name")).isEqualTo("Outer");
        assertThat(orm.get("product.category", child).get("name")).isEqualTo("Child");
    }

    @Test
    void anOuterFailureUndoesWhatAnInnerCommitted() {
        Map<Integer, Map<String, Object>> before = snapshot();

        assertThatThrownBy(() -> orm.transaction(() -> {
            orm.transaction(() -> orm.get("product.category", child).put("name", "Inner"));
            throw SimError.user("outer");
        })).hasMessage("outer");

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTableTakesOnlyItsOwnRecords() {
        assertThatThrownBy(() -> orm.table("product.category").put(99, new LinkedHashMap<>(Map.of("id", 99))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Map<Integer, Map<String, Object>> snapshot() {
        Map<Integer, Map<String, Object>> copy = new TreeMap<>();
        orm.table("product.category").forEach((id, r) -> copy.put(id, new LinkedHashMap<>(r)));
        return copy;
    }
}
