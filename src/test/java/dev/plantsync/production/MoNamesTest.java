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
