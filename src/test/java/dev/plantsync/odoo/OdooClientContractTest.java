package dev.plantsync.odoo;

import static dev.plantsync.odoo.Domain.and;
import static dev.plantsync.odoo.Domain.childOf;
import static dev.plantsync.odoo.Domain.eq;
import static dev.plantsync.odoo.Domain.ilike;
import static dev.plantsync.odoo.Domain.in;
import static dev.plantsync.odoo.Domain.like;
import static dev.plantsync.odoo.Domain.not;
import static dev.plantsync.odoo.Domain.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.plantsync.odoo.sim.OdooSimulator;
import dev.plantsync.odoo.sim.SimFaults;
import dev.plantsync.odoo.sim.SimUsers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The same client behaviour over JSON-2, JSON-RPC and XML-RPC, on Odoo 19 and 18. */
@ParameterizedClass
@MethodSource("dev.plantsync.odoo.OdooTarget#all")
class OdooClientContractTest {

    private final OdooTarget target;
    private OdooSimulator sim;
    private OdooClient odoo;
    private int raw;
    private int finished;
    private int bolt;

    OdooClientContractTest(OdooTarget target) {
        this.target = target;
    }

    @BeforeEach
    void start() {
        sim = OdooSimulator.start(target.version());
        raw = sim.create("product.category", Map.of("name", "Raw", "parent_id", 1));
        finished = sim.create("product.category", Map.of("name", "Finished", "parent_id", 1));
        bolt = sim.create("product.product", Map.of("name", "Bolt M6", "default_code", "PS-A001", "categ_id", raw,
                "list_price", 10.0, "barcode", "BC-1"));
        sim.create("product.product", Map.of("name", "Nut M6", "default_code", "PS-A002", "categ_id", raw,
                "list_price", 5.0));
        sim.create("product.product", Map.of("name", "Bracket", "default_code", "PS-A004", "categ_id", finished,
                "list_price", 50.0));
        sim.create("product.product", Map.of("name", "Old part", "default_code", "PS-A006", "categ_id", raw,
                "active", false));
        odoo = target.connect(sim);
        sim.resetCalls();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void detectsVersionAndAuthenticates() {
        assertThat(odoo.majorVersion()).isEqualTo(target.version());
        assertThat(odoo.transport()).isEqualTo(target.transport());
        assertThat(odoo.authenticate()).isEqualTo(2);
    }

    @Test
    void createsManyInOneCallAndReadsOdooShapes() {
        List<Integer> ids = odoo.create("product.product", List.of(
                Map.of("name", "Washer", "default_code", "PS-A003", "categ_id", raw),
                Map.of("name", "Spring", "categ_id", finished, "list_price", 2.5)), Map.of());

        assertThat(ids).hasSize(2).isSorted();
        assertThat(sim.calls("product.product", "create")).isEqualTo(1);
        List<OdooRecord> read = odoo.read("product.product", ids, List.of("name", "default_code", "categ_id",
                "list_price", "barcode", "seller_ids"), Map.of());
        assertThat(read).extracting(OdooRecord::id).containsExactlyElementsOf(ids);
        OdooRecord washer = read.get(0);
        assertThat(washer.getMany2one("categ_id")).isEqualTo(new Many2one(raw, "All / Raw"));
        assertThat(washer.getString("barcode")).isNull(); // Odoo's false
        assertThat(washer.getIds("seller_ids")).isEmpty();
        assertThat(read.get(1).getString("default_code")).isNull();
        assertThat(read.get(1).getDecimal("list_price")).isEqualByComparingTo("2.5");
    }

    @Test
    void searchesWithTypedDomainsOrderAndPaging() {
        Domain domain = and(childOf("categ_id", 1), or(like("default_code", "PS-A%"), ilike("name", "bracket")),
                not(in("default_code", List.of("PS-A002"))));

        List<OdooRecord> found = odoo.searchRead("product.product", domain, List.of("default_code"), "default_code desc",
                null, null, Map.of());
        List<OdooRecord> page = odoo.searchRead("product.product", domain, List.of("default_code"), "default_code asc",
                1, 1, Map.of());

        assertThat(found).extracting(r -> r.getString("default_code")).containsExactly("PS-A004", "PS-A001");
        assertThat(page).extracting(r -> r.getString("default_code")).containsExactly("PS-A004");
        assertThat(odoo.searchCount("product.product", eq("categ_id.name", "Raw"), Map.of())).isEqualTo(2);
        assertThat(odoo.searchCount("product.product", eq("categ_id.name", "Raw"), Map.of("active_test", false)))
                .isEqualTo(3);
        assertThat(odoo.search("product.product", eq("categ_id", finished), null, null, Map.of())).hasSize(1);
    }

    @Test
    void readsAnswersAProxyGzipped() {
        sim.behindGzipProxy(true);
        for (int i = 0; i < 60; i++) {
            sim.create("product.product", Map.of("name", "Gasket " + i, "default_code", "PS-G" + (100 + i),
                    "categ_id", raw));
        }

        List<OdooRecord> gaskets = odoo.searchRead("product.product", like("default_code", "PS-G%"),
                List.of("default_code", "name"), "default_code", null, null, Map.of());

        assertThat(gaskets).hasSize(60).first().extracting(r -> r.getString("name")).isEqualTo("Gasket 0");
        assertThat(sim.gzippedAnswers()).isPositive();
    }

    @Test
    void readsPagesHoldingWhatSearchReadAllGives() {
        // 1.5e21 comes as a number in exponent form; a tiny price would not (Odoo rounds list_price to its digits)
        for (int i = 0; i < 7; i++) {
            sim.create("product.product", Map.of("name", "Shim " + i, "default_code", "PS-S" + i, "categ_id", finished,
                    "list_price", i == 3 ? 1.5e21 : 0.5 * i, "barcode", i % 2 == 0 ? "SH-" + i : false));
        }
        OdooClient paged = OdooConnector.connect(target.settings(sim).withPageSize(3), SimUsers.ADMIN_API_KEY,
                new SimpleMeterRegistry());
        List<String> fields = List.of("default_code", "categ_id", "list_price", "barcode");
        sim.resetCalls();

        List<String> fromPages = new java.util.ArrayList<>();
        List<Integer> pageSizes = new java.util.ArrayList<>();
        long read = paged.searchReadPages("product.product", Domain.all(), fields, Map.of("active_test", false), page -> {
            pageSizes.add(page.size());
            for (int r = 0; r < page.size(); r++) {
                fromPages.add(page.id(r) + " " + page.text(r, 0) + " " + page.many2oneId(r, 1) + " " + page.text(r, 1)
                        + " " + new java.math.BigDecimal(page.text(r, 2)).stripTrailingZeros().toPlainString() + " " + page.text(r, 3));
            }
        });
        List<String> fromRecords;
        try (var all = paged.searchReadAll("product.product", Domain.all(), fields, Map.of("active_test", false))) {
            fromRecords = all.map(r -> r.id() + " " + r.getString("default_code") + " " + r.getMany2one("categ_id").id()
                    + " " + r.getMany2one("categ_id").displayName() + " "
                    + r.getDecimal("list_price").stripTrailingZeros().toPlainString() + " " + r.getString("barcode")).toList();
        }

        assertThat(read).isEqualTo(11);
        assertThat(pageSizes).containsExactly(3, 3, 3, 2);
        assertThat(fromPages).isEqualTo(fromRecords).contains(bolt + " PS-A001 " + raw + " All / Raw 10 BC-1")
                .anyMatch(line -> line.endsWith(" PS-S3 " + finished + " All / Finished 1500000000000000000000 null"));
        assertThat(sim.calls("product.product", "search_read")).isEqualTo(8); // four pages, twice
    }

    @Test
    void idRangesTogetherMatchWhatTheDomainMatchesEachRecordOnce() {
        for (int i = 0; i < 9; i++) {
            sim.create("product.product", Map.of("name", "Shim " + i, "default_code", "PS-S" + i, "categ_id",
                    i % 3 == 0 ? finished : raw));
        }
        Domain rawOnes = eq("categ_id", raw);
        Map<String, Object> archivedToo = Map.of("active_test", false);
        List<Integer> whole = odoo.search("product.product", rawOnes, "id", null, archivedToo);
        sim.resetCalls();

        List<Domain> ranges = odoo.idRanges("product.product", rawOnes, archivedToo, 3);
        List<Integer> byRange = new java.util.ArrayList<>();
        List<Integer> perRange = new java.util.ArrayList<>();
        for (Domain range : ranges) {
            List<Integer> ids = odoo.search("product.product", range, "id", null, archivedToo);
            perRange.add(ids.size());
            byRange.addAll(ids);
        }

        assertThat(sim.calls("product.product", "search")).isEqualTo(2 + 3); // lowest and highest id, then the ranges
        assertThat(whole).hasSize(9); // 3 made above (one archived) + 6 shims
        assertThat(byRange).isEqualTo(whole);
        assertThat(perRange).hasSize(3).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(odoo.idRanges("product.product", eq("default_code", "PS-NONE"), Map.of(), 3)).isEmpty();
        assertThat(odoo.idRanges("product.product", eq("id", bolt), Map.of(), 3)).hasSize(1);
    }

    @Test
    void readingPagesOfAListFieldIsRefusedClearly() {
        assertThatThrownBy(() -> odoo.searchReadPages("product.product", Domain.all(), List.of("seller_ids"), Map.of(),
                page -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field seller_ids");
    }

    @Test
    void writesUnlinksAndReportsMissingRecords() {
        int temp = odoo.create("product.product", List.of(Map.of("name", "Temp")), Map.of()).get(0);

        assertThat(odoo.write("product.product", List.of(temp), Map.of("list_price", 9.99), Map.of())).isTrue();
        assertThat(odoo.read("product.product", List.of(temp), List.of("list_price"), Map.of()).get(0)
                .getDecimal("list_price")).isEqualByComparingTo("9.99");
        assertThat(odoo.unlink("product.product", List.of(temp), Map.of())).isTrue();
        assertThat(odoo.read("product.product", List.of(temp), List.of("name"), Map.of())).isEmpty();
        assertThatThrownBy(() -> odoo.write("product.product", List.of(temp), Map.of("name", "x"), Map.of()))
                .isInstanceOf(OdooException.MissingError.class)
                .hasMessageContaining("Record does not exist or has been deleted.");
    }

    @Test
    void loadCreatesThenUpdatesByExternalIdAndSavesNothingOnError() {
        List<String> fields = List.of("id", "name", "default_code", "list_price");
        LoadResult created = odoo.load("product.product", fields, List.of(
                List.of("plantsync.p_1", "Loaded 1", "PS-L1", "10"), List.of("plantsync.p_2", "Loaded 2", "PS-L2", "20")),
                Map.of());
        LoadResult updated = odoo.load("product.product", fields, List.of(
                List.of("plantsync.p_1", "Loaded 1", "PS-L1", "10.5"), List.of("plantsync.p_2", "Loaded 2", "PS-L2", "20")),
                Map.of());
        int before = sim.count("product.product");
        LoadResult bad = odoo.load("product.product", fields, List.of(List.of("plantsync.p_3", "Bad", "PS-L3", "abc"),
                List.of("plantsync.p_4", "Good", "PS-L4", "3")), Map.of());

        assertThat(created.saved()).isTrue();
        assertThat(updated.ids()).isEqualTo(created.ids());
        assertThat(odoo.read("product.product", created.ids().subList(0, 1), List.of("list_price"), Map.of()).get(0)
                .getDecimal("list_price")).isEqualByComparingTo("10.5");
        assertThat(bad.saved()).isFalse();
        assertThat(bad.messages()).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("field", "list_price").containsEntry("record", 0);
            assertThat((String) m.get("message")).isEqualTo("'abc' does not seem to be a number for field 'Sales Price'");
        });
        assertThat(sim.count("product.product")).isEqualTo(before);
        assertThat(odoo.searchRead("ir.model.data", eq("module", "plantsync"), List.of("name", "res_id")))
                .extracting(r -> r.getString("name")).containsExactlyInAnyOrder("p_1", "p_2");
    }

    @Test
    void nameSearchFindsByCode() {
        assertThat(odoo.nameSearch("product.product", "PS-A00", Domain.childOf("categ_id", raw), 5))
                .extracting(Many2one::displayName)
                .containsExactly("[PS-A001] Bolt M6", "[PS-A002] Nut M6");
    }

    @Test
    void faultsBecomeTypedExceptionsWithOdoosMessage() {
        int nut = odoo.search("product.product", eq("default_code", "PS-A002"), null, null, Map.of()).get(0);

        assertThatThrownBy(() -> odoo.write("product.product", List.of(nut), Map.of("barcode", "BC-1"), Map.of()))
                .isInstanceOf(target.transport() == OdooTransport.Transport.XMLRPC ? OdooException.UserError.class
                        : OdooException.ValidationError.class)
                .hasMessageStartingWith("Barcode(s) already assigned:");
        assertThatThrownBy(() -> odoo.searchRead("product.product", eq("no_such_field", 1), List.of("name")))
                .isInstanceOf(OdooException.ServerError.class)
                .hasMessageContaining("Invalid field product.product.no_such_field in ")
                .extracting(e -> ((OdooException) e).odooName()).asString().endsWith("ValueError");
        assertThatThrownBy(() -> odoo.searchRead("plantsync.nonexistent", Domain.all(), List.of("name")))
                .isInstanceOf(OdooException.class)
                .hasMessageContaining("plantsync.nonexistent");
        assertThat(sim.calls("product.product", "write")).as("permanent errors are not retried").isEqualTo(1);
    }

    @Test
    void accessErrorAndBadCredentialsAreTyped() {
        OdooClient limited = OdooConnector.connect(OdooSettings.of(sim.url(), OdooSimulator.DATABASE,
                SimUsers.LIMITED_LOGIN, target.transport()), SimUsers.LIMITED_API_KEY, new SimpleMeterRegistry());
        OdooClient wrong = OdooConnector.connect(target.settings(sim), "not-the-key", new SimpleMeterRegistry());

        assertThatThrownBy(() -> limited.searchRead("purchase.order", Domain.all(), List.of("name")))
                .isInstanceOf(OdooException.AccessError.class)
                .hasMessageStartingWith("You are not allowed to access 'Purchase Order' (purchase.order) records.");
        assertThatThrownBy(() -> limited.searchReadPages("purchase.order", Domain.all(), List.of("name"), Map.of(),
                page -> { }))
                .isInstanceOf(OdooException.AccessError.class)
                .hasMessageStartingWith("You are not allowed to access 'Purchase Order' (purchase.order) records.");
        assertThatThrownBy(() -> wrong.searchCount("res.partner", Domain.all(), Map.of()))
                .isInstanceOf(OdooException.AccessDenied.class);
    }

    @Test
    void methodReturningNoneIsSuccessOnEveryTransport() {
        Object result = odoo.call(new OdooCall("product.product", "action_archive", List.of(bolt), Map.of(), List.of(),
                Map.of()));

        assertThat(result).isNull();
        assertThat(odoo.read("product.product", List.of(bolt), List.of("active"), Map.of("active_test", false)).get(0)
                .getBoolean("active")).isFalse();
    }

    @Test
    void transientFaultsAreRetriedUntilTheReadSucceeds() {
        sim.faults().inject("product.product", "search_read", SimFaults.Kind.HTTP_503, 1)
                .inject("product.product", "search_read", SimFaults.Kind.SERIALIZATION, 1)
                .inject("product.product", "search_read", SimFaults.Kind.DROP, 1);

        List<OdooRecord> found = odoo.searchRead("product.product", eq("default_code", "PS-A001"), List.of("name"));

        assertThat(found).singleElement().satisfies(r -> assertThat(r.getString("name")).isEqualTo("Bolt M6"));
        assertThat(sim.calls("product.product", "search_read")).isEqualTo(4);
    }

    @Test
    void timeoutIsTransientAndRetried() {
        OdooClient impatient = OdooConnector.connect(target.settings(sim).withTimeouts(Duration.ofSeconds(2),
                Duration.ofMillis(300)), SimUsers.ADMIN_API_KEY, new SimpleMeterRegistry());
        sim.faults().inject("product.product", "search_count", SimFaults.Kind.TIMEOUT, 1, Duration.ofMillis(1500));

        assertThat(impatient.searchCount("product.product", Domain.all(), Map.of())).isEqualTo(3);
        assertThat(sim.calls("product.product", "search_count")).isEqualTo(2);
    }

    @Test
    void createIsNotRetriedBlindly() {
        sim.faults().inject("product.product", "create", SimFaults.Kind.COMMIT_THEN_FAIL, 1);
        int before = sim.count("product.product");

        assertThatThrownBy(() -> odoo.create("product.product", List.of(Map.of("name", "Once")), Map.of()))
                .isInstanceOf(OdooException.Transient.class);
        // The record exists once: the caller finds it by its business key instead of creating it again.
        assertThat(sim.count("product.product")).isEqualTo(before + 1);
        assertThat(sim.calls("product.product", "create")).isEqualTo(1);
    }

    @Test
    void readGroupSumsQuantities() {
        int stock = 5;
        sim.create("stock.quant", Map.of("product_id", bolt, "location_id", stock, "quantity", 112.0));
        sim.create("stock.quant", Map.of("product_id", bolt, "location_id", stock, "quantity", 25.0));

        Object rows = odoo.callReadOnly(OdooCall.named("stock.quant", "read_group", null, Map.of(
                "domain", List.of(List.of("location_id.usage", "=", "internal")), "fields", List.of("quantity:sum"),
                "groupby", List.of("product_id"), "lazy", false)));

        assertThat((List<?>) rows).singleElement().satisfies(row -> {
            Map<?, ?> r = (Map<?, ?>) row;
            assertThat(r.get("__count")).isEqualTo(2);
            assertThat(((Number) r.get("quantity")).doubleValue()).isEqualTo(137.0);
            assertThat(Many2one.from(r.get("product_id"))).isEqualTo(new Many2one(bolt, "[PS-A001] Bolt M6"));
        });
    }
}
