package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Issue 21 items 5 and 8, the parser's part: CSV files as partners' ERPs export them (their column names, their
 * encodings, their mistakes) are read fully or refused with the place, never read partly or guessed at; an invoice
 * keeps the PO of each of its lines; an X12 810 names its vendor by the most specific id it carries.
 */
class PartnerCsvExportsTest {

    /** A distributor's export: its own names for our columns, two purchase orders in one invoice. */
    private static final String DISTRIBUTOR = """
            vendor_id,invoice_number,invoice_date,currency,po_number,line_number,item_code,description,quantity,uom,unit_price,line_amount
            WOOD,WD-2026-0412,2026-11-24,USD,PO-WOOD-0007,1,PS-R007,Raw material 7,10,EA,1.75,17.50
            WOOD,WD-2026-0412,2026-11-24,USD,PO-WOOD-0008,2,PS-R008,Raw material 8,4,EA,2.00,8.00
            """;

    private static CollectingSink parse(byte[] content, InvoiceParsers.Options options) {
        CollectingSink sink = new CollectingSink();
        InvoiceParsers.parse(new ByteArrayInputStream(content), "drop.csv", options, sink);
        return sink;
    }

    private static CollectingSink parse(String content, InvoiceParsers.Options options) {
        return parse(content.getBytes(StandardCharsets.UTF_8), options);
    }

    @Test
    void unknownColumnIsALocatedErrorAndNothingOfTheFileIsRead() {
        CollectingSink sink = parse(DISTRIBUTOR, InvoiceParsers.Options.defaults());

        assertThat(sink.invoices).as("not read partly").isEmpty();
        assertThat(sink.fileErrors).extracting(EdiError::code).containsOnly(EdiError.Code.UNKNOWN_COLUMN);
        assertThat(sink.fileErrors).extracting(EdiError::location).containsExactly("drop.csv, line 1, column 7",
                "drop.csv, line 1, column 12");
        assertThat(sink.fileErrors.get(0).reason()).startsWith("unknown column 'item_code'");
    }

    @Test
    void partnersColumnMappingReadsTheirNamesAsOursAndKeepsTheAmountCheck() {
        InvoiceParsers.Options options = InvoiceParsers.Options.defaults()
                .withCsvColumns(Map.of("item_code", "buyer_item", "line_amount", "amount"));

        CollectingSink sink = parse(DISTRIBUTOR, options);
        assertThat(sink.allErrors()).isEmpty();
        SupplierInvoice invoice = sink.invoices.get(0).invoice();
        assertThat(invoice.lines()).extracting(SupplierInvoice.InvoiceLine::buyerItem).containsExactly("PS-R007",
                "PS-R008");

        // the amount column is read again: a wrong line amount is found
        CollectingSink wrong = parse(DISTRIBUTOR.replace("1.75,17.50", "1.75,71.50"), options);
        assertThat(wrong.allErrors()).containsExactly(
                "drop.csv, message WD-2026-0412, line 2, column 12: amount 71.50 does not equal the sum 17.50");
    }

    @Test
    void invoiceOverTwoPurchaseOrdersKeepsThePoOfEachLine() {
        CollectingSink sink = parse(DISTRIBUTOR, InvoiceParsers.Options.defaults()
                .withCsvColumns(Map.of("item_code", "buyer_item", "line_amount", "amount")));

        SupplierInvoice invoice = sink.invoices.get(0).invoice();
        assertThat(invoice.poNumbers()).containsExactly("PO-WOOD-0007", "PO-WOOD-0008");
        assertThat(invoice.lines()).extracting(SupplierInvoice.InvoiceLine::poNumber).containsExactly("PO-WOOD-0007",
                "PO-WOOD-0008");
    }

    @Test
    void invalidUtf8IsALocatedErrorWithTheBytesInHex() throws Exception {
        // Latin-1 from an old ERP: "Träger" with a lone E4 byte on the second invoice's line (file line 3).
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("""
                vendor_id,invoice_number,invoice_date,po_number,description,quantity,unit_price
                WOOD,WD-1,2026-11-24,PO-WOOD-0007,Beam,1,2.00
                WOOD,WD-2,2026-11-24,PO-WOOD-0007,Tr""".getBytes(StandardCharsets.US_ASCII));
        file.write(0xE4);
        file.write("ger,1,3.00\n".getBytes(StandardCharsets.US_ASCII));

        CollectingSink sink = parse(file.toByteArray(), InvoiceParsers.Options.defaults());

        assertThat(sink.fileErrors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(EdiError.Code.BAD_ENCODING);
            assertThat(e.location()).isEqualTo("drop.csv, line 3, column 5");
            assertThat(e.reason()).startsWith("bytes E4 67 at character 37 of line 3 are not UTF-8");
        });
        assertThat(sink.invoices).noneMatch(i -> i.invoice() != null && i.invoice().lines().stream()
                .anyMatch(l -> l.description() != null && l.description().contains("\uFFFD")));
    }

    @Test
    void fiftyMegabytesOnOneLineStopAtTheLimitInBoundedMemory() {
        // 50 MB generated as it is read (never held): a header, then one line without end.
        long size = 50L * 1024 * 1024;
        InputStream huge = new InputStream() {
            private final byte[] head = "vendor_id,invoice_number,invoice_date,quantity,unit_price\nWOOD,WD-3,2026-11-24,1,"
                    .getBytes(StandardCharsets.US_ASCII);
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                return position < head.length ? head[(int) position++] : ('0' + (int) (position++ % 10));
            }
        };
        long before = usedHeap();
        CollectingSink sink = new CollectingSink();
        InvoiceParsers.parse(huge, "drop.csv", InvoiceParsers.Options.defaults(), sink);

        assertThat(sink.fileErrors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(EdiError.Code.TOO_LONG);
            assertThat(e.location()).isEqualTo("drop.csv, line 2, column 5");
            assertThat(e.reason()).startsWith("the value in column 5 is longer than 8192 characters");
        });
        assertThat(usedHeap() - before).as("heap kept").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void fieldAndLineLimitsAreConfigurable() {
        CollectingSink sink = parse("vendor_id,invoice_number,invoice_date,description,quantity,unit_price\n"
                + "WOOD,WD-4,2026-11-24," + "x".repeat(300) + ",1,2\n",
                InvoiceParsers.Options.defaults().withCsvLimits(10_000, 256));

        assertThat(sink.fileErrors).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("drop.csv, line 2, column 4");
            assertThat(e.reason()).startsWith("the value in column 4 is longer than 256 characters");
        });
    }

    @Test
    void emptyAndBinaryFilesAreCalledWhatTheyAre() {
        assertThat(parse(new byte[0], InvoiceParsers.Options.defaults()).fileErrors).extracting(EdiError::reason)
                .containsExactly("empty file");
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0x21, 0x7a, 0x55, 0x5b};
        assertThat(parse(zip, InvoiceParsers.Options.defaults()).fileErrors).extracting(EdiError::reason)
                .containsExactly("not X12, EDIFACT or CSV (the file starts with binary content)");
    }

    /**
     * An 810 sent through a VAN: ISA06 is the VAN's id; the vendor is named in N1*RE and, most specifically, by the
     * vendor number we gave it (REF*IA). The registry knows the VAN and the vendor number.
     */
    @Test
    void x12VendorIsTheMostSpecificRegisteredIdTheInvoiceCarries() {
        String x12 = String.join("~\n",
                "ISA*00*          *00*          *ZZ*EDIVAN01       *ZZ*PLANTSYNC      *261124*0900*U*00401*000000777*0*P*>",
                "GS*IN*EDIVAN01*PLANTSYNC*20261124*0900*777*X*004010",
                "ST*810*0001",
                "BIG*20261124*NW-88121**PO-NW-0003",
                "REF*IA*V-20417",
                "N1*RE*Northwind Fasteners*92*NWF-REMIT",
                "IT1*1*10*EA*1.50**BP*PS-R030",
                "TDS*1500",
                "CTT*1",
                "SE*8*0001",
                "GE*1*777",
                "IEA*1*000000777") + "~\n";

        CollectingSink registered = parse(x12, new InvoiceParsers.Options(',', Set.of("EDIVAN01", "V-20417")));
        assertThat(registered.allErrors()).isEmpty();
        assertThat(registered.invoices.get(0).invoice().vendorId()).isEqualTo("V-20417");
        assertThat(registered.invoices.get(0).invoice().vendorName()).isEqualTo("Northwind Fasteners");

        // an id the registry does not know is not taken: the vendor stays the one the registry names
        CollectingSink vanOnly = parse(x12, new InvoiceParsers.Options(',', Set.of("EDIVAN01")));
        assertThat(vanOnly.invoices.get(0).invoice().vendorId()).isEqualTo("EDIVAN01");
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
