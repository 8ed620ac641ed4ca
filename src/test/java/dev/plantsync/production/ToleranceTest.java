package dev.plantsync.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The plant's tolerances, at their edges: exactly at the limit passes, a little beyond waits for an approver. */
class ToleranceTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void producingUpToTheOrderPlusToleranceIsAllowed() {
        assertThat(Tolerance.produce(d("10"), d("4"), d("6"), d("0"))).isNull();
        assertThat(Tolerance.produce(d("10"), d("4"), d("6.5"), d("5"))).isNull();
    }

    @Test
    void producingBeyondItIsABreachCountedFromTheOrder() {
        Tolerance.Breach breach = Tolerance.produce(d("10"), d("4"), d("7"), d("5"));

        assertThat(breach.code()).isEqualTo("PRODUCE_OVER_TOLERANCE");
        assertThat(breach.excess()).isEqualByComparingTo("1");
        assertThat(breach.reason()).contains("brings the order to 11 of 10 ordered").contains("5 %");
    }

    @Test
    void consumingTenPercentOverPlanPassesATenPercentToleranceOnly() {
        BigDecimal planned = Tolerance.planned(d("6"), d("6"), d("6"));
        assertThat(planned).isEqualByComparingTo("6");

        assertThat(Tolerance.consume("FURN_2100", planned, d("6.6"), d("10"))).isNull();
        Tolerance.Breach breach = Tolerance.consume("FURN_2100", planned, d("6.6"), d("5"));
        assertThat(breach.code()).isEqualTo("CONSUME_OVER_TOLERANCE");
        assertThat(breach.excess()).isEqualByComparingTo("0.6");
        assertThat(breach.reason()).contains("6.6 of FURN_2100 against 6 planned");
    }

    @Test
    void thePlanFollowsWhatIsProducedNotTheWholeOrder() {
        // 2 per unit on an order of 10 (demand 20): producing 4 plans 8
        assertThat(Tolerance.planned(d("20"), d("10"), d("4"))).isEqualByComparingTo("8");
        assertThat(Tolerance.consume("X", d("8"), d("8.4"), d("5"))).isNull();
        assertThat(Tolerance.consume("X", d("8"), d("8.41"), d("5"))).isNotNull();
    }
}
