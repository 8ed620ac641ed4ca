package dev.plantsync.production;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;

/**
 * One manufacturing order as the plant's MES gets it: codes already in the MES's terms, quantities as text at the
 * precision Odoo stores, times in UTC. Its canonical JSON (components in declaration order) is what is recorded and
 * fingerprinted, so the same order read twice is the same release. The MO's state is not part of it: an order the MES
 * starts (confirmed -> in progress) is not a new version.
 *
 * @param finishedLot what the finished product needs recorded: {@code none}, {@code lot} or {@code serial}
 * @param backorderOf for a backorder Odoo opened for the rest of a partly done order: the name the MES was first
 *        released that order under ({@link BackorderOrigins}); null otherwise. Left out of the JSON when null, so an
 *        order's JSON is what it was before the field existed, and left out of the fingerprint
 *        ({@link ReleaseFingerprint}): it says where the order comes from, not what is to be made.
 */
record ReleaseContent(String mo, String product, String quantity, String unit, String finishedLot,
        String plannedStart, String deadline, String origin, List<Component> components, List<Operation> operations,
        @JsonInclude(JsonInclude.Include.NON_NULL) String backorderOf) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A component to consume: the move's product, demand and unit, and whether its lots must be recorded. */
    record Component(String product, String quantity, String unit, String tracking) {
    }

    /** A work order: its operation's sequence, name, the MES's work-centre code and the minutes Odoo expects. */
    record Operation(int sequence, String name, String workCentre, String expectedMinutes) {
    }

    ReleaseContent {
        components = List.copyOf(components);
        operations = List.copyOf(operations);
    }

    /** The same order, told (or, with null, not told) which order the MES knows it belongs to. */
    ReleaseContent withBackorderOf(String name) {
        return new ReleaseContent(mo, product, quantity, unit, finishedLot, plannedStart, deadline, origin, components,
                operations, name);
    }

    String toJson() {
        return JSON.writeValueAsString(this);
    }

    static ReleaseContent fromJson(String json) {
        return JSON.readValue(json, ReleaseContent.class);
    }

    /**
     * What differs from the release before, by the names of the release file's columns ({@code jobs/production-files.md}):
     * {@code mo} (renamed), {@code item} (product), {@code quantity}, {@code unit}, {@code tracking} (finished lot),
     * {@code planned_start}, {@code deadline}, {@code origin}, {@code components}, {@code operations},
     * {@code backorder_of} (only ever from a version released before the column existed to one that has it).
     */
    List<String> changesFrom(ReleaseContent before) {
        List<String> changes = new ArrayList<>();
        add(changes, "mo", mo, before.mo);
        add(changes, "item", product, before.product);
        add(changes, "quantity", quantity, before.quantity);
        add(changes, "unit", unit, before.unit);
        add(changes, "tracking", finishedLot, before.finishedLot);
        add(changes, "planned_start", plannedStart, before.plannedStart);
        add(changes, "deadline", deadline, before.deadline);
        add(changes, "origin", origin, before.origin);
        add(changes, "components", components, before.components);
        add(changes, "operations", operations, before.operations);
        add(changes, "backorder_of", backorderOf, before.backorderOf);
        return changes;
    }

    private static void add(List<String> changes, String name, Object now, Object before) {
        if (!Objects.equals(now, before)) {
            changes.add(name);
        }
    }
}
