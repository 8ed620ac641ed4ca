package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.OdooRecord;
import org.junit.jupiter.api.Test;

/** The MES's order name and the orders Odoo made of it by splitting (WH/MO/00017 -> -001 done, -002 open). */
class MoNamesTest {

    private static OdooRecord mo(int id, String name, String state, int sequence, double qty, double produced) {
        return new OdooRecord(Map.of("id", id, "name", name, "state", state, "backorder_sequence", sequence,
                "product_qty", qty, "qty_produced", produced));
    }

    @Test
    void theFamilyIsTheOrderAndItsBackordersNotAnOrderWhoseNameStartsTheSame() {
        assertThat(MoNames.family("WH/MO/00017").toList()).containsExactly("|", List.of("name", "=", "WH/MO/00017"),
                List.of("name", "=like", "WH/MO/00017-%"));
        // LIKE wildcards in the MES's name are escaped: WH_MO_1 must not match WHXMOX1-001
        assertThat(MoNames.family("WH_MO%1").toList().get(2)).isEqualTo(List.of("name", "=like", "WH\\_MO\\%1-%"));
    }

    @Test
    void theRootIsTheNameWithoutTheBackorderSuffixOfASplitFamilyOnly() {
        assertThat(MoNames.root("WH/MO/00017-001", 1)).isEqualTo("WH/MO/00017");
        assertThat(MoNames.root("WH/MO/00017-002", 2)).isEqualTo("WH/MO/00017");
        assertThat(MoNames.root("WH/MO/00017-1000", 1000)).isEqualTo("WH/MO/00017");
        // Odoo appends the suffix to whatever the name was: a name ending in digits keeps them
        assertThat(MoNames.root("MO-2026-0017-002", 2)).isEqualTo("MO-2026-0017");
        // never split: the name is the root, whatever it ends with
        assertThat(MoNames.root("MO-2026-0017", 0)).isEqualTo("MO-2026-0017");
        assertThat(MoNames.root("MO-2026-0017", null)).isEqualTo("MO-2026-0017");
    }

    @Test
    void severalFamiliesAreOneDomainAndEachOrderIsSortedBackToItsName() {
        assertThat(MoNames.families(List.of("WH/MO/00017", "WH_MO%1")).toList()).containsExactly("|", "|",
                List.of("name", "in", List.of("WH/MO/00017", "WH_MO%1")), List.of("name", "=like", "WH/MO/00017-%"),
                List.of("name", "=like", "WH\\_MO\\%1-%"));
        assertThat(MoNames.inFamily("WH/MO/00017", "WH/MO/00017")).isTrue();
        assertThat(MoNames.inFamily("WH/MO/00017", "WH/MO/00017-002")).isTrue();
        assertThat(MoNames.inFamily("WH/MO/00017", "WH/MO/000170")).isFalse();
        assertThat(MoNames.inFamily("WH_MO%1", "WHXMOX1-001")).as("no wildcard in the MES's name").isFalse();
        assertThat(MoNames.inFamily("WH/MO/00017", "wh/mo/00017")).as("=like is case-sensitive").isFalse();
    }

    @Test
    void namesWhoseFamiliesOneBookingCanChangeAreRelated() {
        // splitting WH/MO/00017-002 makes WH/MO/00017-003: in the family of WH/MO/00017 and of that name itself
        assertThat(MoNames.related("WH/MO/00017", "WH/MO/00017-002")).isTrue();
        assertThat(MoNames.related("WH/MO/00017-002", "WH/MO/00017-003")).isTrue();
        // names ending in -digits share a stem: each is looked up at its turn, on the safe side
        assertThat(MoNames.related("MO/2024-05", "MO/2024-06")).isTrue();
        assertThat(MoNames.related("MO/A", "MO/A-X-001")).isTrue();
        assertThat(MoNames.related("WH/MO/00017", "WH/MO/00018")).isFalse();
        assertThat(MoNames.related("WH/MO/1", "WH/MO/10")).isFalse();
        assertThat(MoNames.stem("WH/MO/00017-002-001")).isEqualTo("WH/MO/00017");
        assertThat(MoNames.stem("WH/MO/00017")).isEqualTo("WH/MO/00017");
    }

    @Test
    void theNextEventsGoToTheOpenBackorder() {
        List<OdooRecord> family = List.of(mo(19, "WH/MO/00017-001", "done", 1, 4, 4),
                mo(20, "WH/MO/00017-002", "confirmed", 2, 6, 0));

        assertThat(MoNames.current(family).id()).isEqualTo(20);
        assertThat(MoNames.produced(family)).isEqualByComparingTo("4");
        assertThat(MoNames.ordered(family)).isEqualByComparingTo("10");
    }

    @Test
    void anOrderNotSplitIsItselfAndAllDoneIsTheLastOne() {
        assertThat(MoNames.current(List.of(mo(7, "WH/MO/00009", "progress", 0, 5, 0))).id()).isEqualTo(7);
        List<OdooRecord> done = List.of(mo(19, "WH/MO/00017-001", "done", 1, 4, 4),
                mo(20, "WH/MO/00017-002", "done", 2, 6, 6), mo(21, "WH/MO/00017-003", "cancel", 3, 2, 0));
        assertThat(MoNames.current(done).id()).isEqualTo(21);
        assertThat(MoNames.ordered(done)).isEqualByComparingTo("10");
        assertThat(MoNames.current(List.of())).isNull();
    }
}
