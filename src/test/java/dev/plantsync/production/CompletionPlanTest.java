package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.plantsync.production.CompletionPlan.Kind;
import dev.plantsync.production.CompletionPlan.Unit;
import org.junit.jupiter.api.Test;

/** How an order's events group into what is applied to Odoo together (jobs/production-completions.md). */
class CompletionPlanTest {

    private static long ids;

    private static StagedEvent event(MesEvent.Type type, String state) {
        long id = ++ids;
        return new StagedEvent(id, "plant-1", "E" + id, 1L, (int) id, "WH/MO/1", type, false, BigDecimal.ONE, null,
                null, null, Instant.EPOCH, state, false, null, null, null);
    }

    private static StagedEvent event(MesEvent.Type type) {
        return event(type, "STAGED");
    }

    @Test
    void consumptionBeforeAProductionIsBookedWithIt() {
        StagedEvent c1 = event(MesEvent.Type.CONSUMED);
        StagedEvent c2 = event(MesEvent.Type.CONSUMED);
        StagedEvent p1 = event(MesEvent.Type.PRODUCED);
        StagedEvent s = event(MesEvent.Type.SCRAPPED);
        StagedEvent c3 = event(MesEvent.Type.CONSUMED);
        StagedEvent p2 = event(MesEvent.Type.PRODUCED);
        StagedEvent close = event(MesEvent.Type.CLOSED);

        List<Unit> units = CompletionPlan.units(List.of(c1, c2, p1, s, c3, p2, close));

        assertThat(units).extracting(Unit::kind).containsExactly(Kind.PRODUCE, Kind.SCRAP, Kind.PRODUCE, Kind.CLOSE);
        assertThat(units.get(0).main()).isEqualTo(p1);
        assertThat(units.get(0).consumed()).containsExactly(c1, c2);
        assertThat(units.get(2).consumed()).containsExactly(c3);
        assertThat(units.get(3).consumed()).isEmpty();
    }

    @Test
    void consumptionAfterTheLastProductionWaitsAndBeforeAClosedHasNothingToGoWith() {
        StagedEvent p = event(MesEvent.Type.PRODUCED);
        StagedEvent late = event(MesEvent.Type.CONSUMED);
        assertThat(CompletionPlan.units(List.of(p, late))).extracting(Unit::kind)
                .containsExactly(Kind.PRODUCE, Kind.WAIT);

        StagedEvent orphan = event(MesEvent.Type.CONSUMED);
        StagedEvent close = event(MesEvent.Type.CLOSED);
        List<Unit> closing = CompletionPlan.units(List.of(orphan, close));
        assertThat(closing).extracting(Unit::kind).containsExactly(Kind.CLOSE);
        assertThat(closing.get(0).consumed()).containsExactly(orphan);
    }

    @Test
    void anEventWaitingForAnApproverHoldsEverythingAfterIt() {
        StagedEvent p1 = event(MesEvent.Type.PRODUCED);
        StagedEvent c = event(MesEvent.Type.CONSUMED);
        StagedEvent waiting = event(MesEvent.Type.PRODUCED, "APPROVAL");
        StagedEvent after = event(MesEvent.Type.SCRAPPED);

        List<Unit> units = CompletionPlan.units(List.of(p1, c, waiting, after));

        assertThat(units).extracting(Unit::kind).containsExactly(Kind.PRODUCE, Kind.HELD);
        assertThat(units.get(1).main()).isEqualTo(waiting);
    }

    @Test
    void aMarkedProductionIsResumedWithItsMarkedConsumption() {
        StagedEvent c = event(MesEvent.Type.CONSUMED, "MARKED");
        StagedEvent p = event(MesEvent.Type.PRODUCED, "MARKED");

        List<Unit> units = CompletionPlan.units(List.of(c, p));

        assertThat(units).singleElement().satisfies(u -> {
            assertThat(u.kind()).isEqualTo(Kind.PRODUCE);
            assertThat(u.main().marked()).isTrue();
            assertThat(u.consumed()).containsExactly(c);
        });
    }
}
