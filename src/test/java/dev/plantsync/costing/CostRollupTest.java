package dev.plantsync.costing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plantsync.costing.CostModel.Bom;
import dev.plantsync.costing.CostModel.Line;
import dev.plantsync.costing.CostModel.Operation;
import dev.plantsync.costing.CostModel.Product;
import org.junit.jupiter.api.Test;

/** The roll-up against costs worked out by hand, to the cent. */
class CostRollupTest {

    private static final int UNITS = 1;
    private static final int DOZENS = 2;
    private static final int KG = 3;
    private static final int GRAM = 4;
    private static final Map<Integer, BigDecimal> SIZES = Map.of(UNITS, BigDecimal.ONE, DOZENS, new BigDecimal("12"),
            KG, BigDecimal.ONE, GRAM, new BigDecimal("0.001"));

    /**
     * R1 2.00/Unit, R2 0.50/kg. S (BOM for 2 Units): 3 R1 with 10% scrap = 6.60, 250 g of R2 = 0.125, rounded to
     * 0.13 as Odoo's BoM report rounds each line, 30 min at 60/h = 30.00 (one cycle for the BOM's quantity, as on 19);
     * per unit material 3.365, operations 15.00, overhead 10% 1.8365: 20.2015 -> 20.20. K: a kit of 1 R1.
     * F (BOM for 1 Dozen): 12 S exploded = 19.8 R1 39.60 + 1500 g R2 0.75 + 6 cycles of 30 min 180.00 + its overhead
     * 22.035 = 242.385, 12 K exploded = 12 R1 = 24.00, 60 min at 40/h = 40.00; per unit material 22.19875,
     * operations 3.33333, overhead 2.553208: 28.085291 -> 28.09.
     */
    @Test
    void multiLevelWithUnitsScrapKitOperationsAndOverheadToTheCent() {
        List<Product> products = List.of(product(1, "R1", UNITS, "2.00", 0), product(2, "R2", KG, "0.50", 0),
                product(3, "S", UNITS, "18.00", 10), product(4, "K", UNITS, "2.00", 0), product(5, "F", UNITS, "25.00", 4));
        List<Bom> boms = List.of(
                bom(10, 3, "2", UNITS, "normal", List.of(line(1, "3", UNITS, "10"), line(2, "250", GRAM, "0")),
                        List.of(operation("30", "60"))),
                bom(11, 4, "1", UNITS, "phantom", List.of(line(1, "1", UNITS, "0")), List.of()),
                bom(12, 5, "1", DOZENS, "normal", List.of(line(3, "12", UNITS, "0"), line(4, "12", UNITS, "0")),
                        List.of(operation("60", "40"))));

        CostRollup.Result result = new CostRollup(products, boms, SIZES, new BigDecimal("0.10")).roll();

        RolledCost s = result.costs().get(3);
        assertThat(RolledCost.cents(s.material())).isEqualByComparingTo("3.37");
        assertThat(RolledCost.cents(s.operations())).isEqualByComparingTo("15.00");
        assertThat(RolledCost.cents(s.overhead())).isEqualByComparingTo("1.84");
        assertThat(RolledCost.cents(s.total())).isEqualByComparingTo("20.20");
        assertThat(s.variancePercent()).isEqualByComparingTo("12.23"); // 20.2015 vs 18.00
        assertThat(s.revaluation()).isEqualByComparingTo("22.00"); // 10 on hand x (20.20 - 18.00)
        RolledCost f = result.costs().get(5);
        assertThat(RolledCost.cents(f.material())).isEqualByComparingTo("22.20");
        assertThat(RolledCost.cents(f.operations())).isEqualByComparingTo("3.33");
        assertThat(RolledCost.cents(f.total())).isEqualByComparingTo("28.09");
        assertThat(f.revaluation()).isEqualByComparingTo("12.36"); // 4 x (28.09 - 25.00)
        assertThat(RolledCost.cents(result.costs().get(1).total())).isEqualByComparingTo("2.00"); // purchased: as is
        assertThat(result.skipped()).isEmpty();
    }

    @Test
    void aCycleIsReportedWithItsProductsAndWhatIsBuiltFromIt() {
        List<Product> products = List.of(product(1, "A", UNITS, "1", 0), product(2, "B", UNITS, "1", 0),
                product(3, "C", UNITS, "1", 0), product(4, "R", UNITS, "5", 0));
        List<Bom> boms = List.of(
                bom(10, 1, "1", UNITS, "normal", List.of(line(2, "1", UNITS, "0")), List.of()),
                bom(11, 2, "1", UNITS, "normal", List.of(line(1, "1", UNITS, "0"), line(4, "1", UNITS, "0")),
                        List.of()),
                bom(12, 3, "1", UNITS, "normal", List.of(line(1, "2", UNITS, "0")), List.of()));

        CostRollup.Result result = new CostRollup(products, boms, SIZES, BigDecimal.ZERO).roll();

        assertThat(result.skipped()).extracting(CostRollup.Skipped::code).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(result.skipped()).filteredOn(x -> x.code().equals("A")).singleElement()
                .satisfies(x -> assertThat(x.reason()).startsWith("BOM cycle: ").contains("A", "B"));
        assertThat(result.skipped()).filteredOn(x -> x.code().equals("C")).singleElement()
                .satisfies(x -> assertThat(x.reason()).contains("built from A"));
        assertThat(result.costs()).containsOnlyKeys(4);
    }

    @Test
    void odooPicksTheLowestSequenceThenTheVariantsOwnBom() {
        // template 50 has BOMs of sequence 2 (DEAR) and 1 (CHEAP); V2 has its own of sequence 1 (OWN, wins the tie),
        // V3 its own of sequence 5 (loses to the template's sequence 1, as Odoo's _bom_find orders)
        List<Product> products = List.of(new Product(1, 50, "V1", UNITS, BigDecimal.ONE, "standard", BigDecimal.ZERO),
                new Product(2, 50, "V2", UNITS, BigDecimal.ONE, "standard", BigDecimal.ZERO),
                new Product(6, 50, "V3", UNITS, BigDecimal.ONE, "standard", BigDecimal.ZERO),
                product(3, "CHEAP", UNITS, "1", 0), product(4, "DEAR", UNITS, "10", 0), product(5, "OWN", UNITS, "100", 0));
        List<Bom> boms = List.of(
                new Bom(20, 50, null, 2, BigDecimal.ONE, UNITS, "normal", List.of(line(4, "1", UNITS, "0")), List.of()),
                new Bom(21, 50, null, 1, BigDecimal.ONE, UNITS, "normal", List.of(line(3, "1", UNITS, "0")), List.of()),
                new Bom(22, 50, 2, 1, BigDecimal.ONE, UNITS, "normal", List.of(line(5, "1", UNITS, "0")), List.of()),
                new Bom(23, 50, 6, 5, BigDecimal.ONE, UNITS, "normal", List.of(line(5, "1", UNITS, "0")), List.of()));

        CostRollup.Result result = new CostRollup(products, boms, SIZES, BigDecimal.ZERO).roll();

        assertThat(result.costs().get(1).bomId()).isEqualTo(21);
        assertThat(RolledCost.cents(result.costs().get(1).total())).isEqualByComparingTo("1.00");
        assertThat(result.costs().get(2).bomId()).isEqualTo(22);
        assertThat(RolledCost.cents(result.costs().get(2).total())).isEqualByComparingTo("100.00");
        assertThat(result.costs().get(6).bomId()).isEqualTo(21);
    }

    @Test
    void aBoughtComponentCostsItsPurchasePriceWhenThePolicyFoundOne() {
        // R1 standard 2.00 but last bought at 2.40; R2 has no purchase price and keeps its standard 1.00
        List<Product> products = List.of(
                new Product(1, 1, "R1", UNITS, new BigDecimal("2.00"), "standard", BigDecimal.TEN, new BigDecimal("2.40")),
                product(2, "R2", UNITS, "1.00", 0), product(3, "A", UNITS, "5.00", 0));
        List<Bom> boms = List.of(bom(10, 3, "1", UNITS, "normal", List.of(line(1, "2", UNITS, "0"),
                line(2, "1", UNITS, "0")), List.of()));

        CostRollup.Result result = new CostRollup(products, boms, SIZES, BigDecimal.ZERO).roll();

        assertThat(RolledCost.cents(result.costs().get(3).total())).isEqualByComparingTo("5.80");
        RolledCost r1 = result.costs().get(1);
        assertThat(r1.bomId()).isNull();
        assertThat(RolledCost.cents(r1.total())).isEqualByComparingTo("2.40");
        assertThat(r1.revaluation()).isEqualByComparingTo("4.00"); // 10 on hand x 0.40
    }

    /**
     * R 1.00; A and B each from a BOM for 2 with 1 R and 30 min at 60/h on a work center with 10 min setup, 5 min
     * cleanup, 50 % efficiency; B has a capacity line of its own there (4 per cycle, 2 + 1 min). Odoo 18 runs a cycle
     * per unit of default capacity 1: A = 15 + 2 x 60 = 135 min = 135.00 + 1.00 for 2 = 68.00; Odoo 19 a cycle per BOM
     * quantity: 15 + 60 = 75.00 + 1.00 for 2 = 38.00. B on both: 3 + 1 x 60 = 63.00 + 1.00 for 2 = 32.00. At zero
     * efficiency Odoo 18's report fails: the product is skipped; 19 takes 100 %.
     */
    @Test
    void setupCleanupEfficiencyAndCapacityAsEachVersionsBomReport() {
        List<Product> products = List.of(product(1, "R", UNITS, "1.00", 0), product(2, "A", UNITS, "0", 0),
                product(3, "B", UNITS, "0", 0), product(4, "Z", UNITS, "0", 0));
        List<CostModel.Capacity> capacities = List.of(new CostModel.Capacity(3, UNITS, new BigDecimal("4"),
                new BigDecimal("2"), BigDecimal.ONE));
        Operation slow = new Operation(new BigDecimal("30"), new BigDecimal("60"), BigDecimal.TEN, new BigDecimal("5"),
                new BigDecimal("50"), BigDecimal.ONE, capacities);
        Operation stopped = new Operation(new BigDecimal("30"), new BigDecimal("60"), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, List.of());
        List<Bom> boms = List.of(bom(10, 2, "2", UNITS, "normal", List.of(line(1, "1", UNITS, "0")), List.of(slow)),
                bom(11, 3, "2", UNITS, "normal", List.of(line(1, "1", UNITS, "0")), List.of(slow)),
                bom(12, 4, "1", UNITS, "normal", List.of(line(1, "1", UNITS, "0")), List.of(stopped)));

        CostRollup.Result on18 = new CostRollup(products, boms, SIZES, BigDecimal.ZERO, 18).roll();
        CostRollup.Result on19 = new CostRollup(products, boms, SIZES, BigDecimal.ZERO, 19).roll();

        assertThat(RolledCost.cents(on18.costs().get(2).total())).isEqualByComparingTo("68.00");
        assertThat(RolledCost.cents(on19.costs().get(2).total())).isEqualByComparingTo("38.00");
        assertThat(RolledCost.cents(on18.costs().get(3).total())).isEqualByComparingTo("32.00");
        assertThat(RolledCost.cents(on19.costs().get(3).total())).isEqualByComparingTo("32.00");
        assertThat(on18.skipped()).singleElement().satisfies(x -> assertThat(x.reason())
                .isEqualTo("operation at a work center with zero efficiency in BOM 12: Odoo 18 cannot cost it"));
        assertThat(RolledCost.cents(on19.costs().get(4).total())).isEqualByComparingTo("31.00");
    }

    /**
     * A kit has no stock of its own: whatever quantity Odoo shows for it (what its components could make), changing
     * its cost revalues nothing.
     */
    @Test
    void aKitIsNeverRevalued() {
        List<Product> products = List.of(product(1, "R1", UNITS, "2.00", 0), product(2, "KIT", UNITS, "3.00", 25));
        List<Bom> boms = List.of(bom(10, 2, "1", UNITS, "phantom", List.of(line(1, "4", UNITS, "0")), List.of()));

        RolledCost kit = new CostRollup(products, boms, SIZES, BigDecimal.ZERO).roll().costs().get(2);

        assertThat(RolledCost.cents(kit.total())).isEqualByComparingTo("8.00");
        assertThat(kit.kit()).isTrue();
        assertThat(kit.revaluation()).isEqualByComparingTo("0"); // not 25 x 5.00
    }

    @Test
    void thirtyLevelsDeep() {
        List<Product> products = new ArrayList<>();
        List<Bom> boms = new ArrayList<>();
        products.add(product(1, "P1", UNITS, "1.50", 0));
        for (int level = 2; level <= 30; level++) {
            products.add(product(level, "P" + level, UNITS, "0", 0));
            boms.add(bom(100 + level, level, "1", UNITS, "normal", List.of(line(level - 1, "2", UNITS, "0")),
                    List.of()));
        }

        CostRollup.Result result = new CostRollup(products, boms, SIZES, BigDecimal.ZERO).roll();

        // each level doubles: 1.50 x 2^29
        assertThat(RolledCost.cents(result.costs().get(30).total()))
                .isEqualByComparingTo(new BigDecimal("1.50").multiply(BigDecimal.valueOf(1L << 29)));
    }

    private static Product product(int id, String code, int unit, String cost, int onHand) {
        return new Product(id, id, code, unit, new BigDecimal(cost), "standard", BigDecimal.valueOf(onHand));
    }

    private static Bom bom(int id, int product, String quantity, int unit, String type, List<Line> lines,
            List<Operation> operations) {
        return new Bom(id, product, null, 1, new BigDecimal(quantity), unit, type, lines, operations);
    }

    private static Line line(int product, String quantity, int unit, String scrap) {
        return new Line(product, new BigDecimal(quantity), unit, new BigDecimal(scrap));
    }

    private static Operation operation(String minutes, String perHour) {
        return new Operation(new BigDecimal(minutes), new BigDecimal(perHour));
    }
}
