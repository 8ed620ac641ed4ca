package dev.plantsync.edi;

import java.util.Map;

/**
 * X12 data element reference numbers (AK402) of the 810 segments PlantSync reads, by segment and element position.
 * Source: the ASC X12 004010 810 (Invoice) transaction set and its data element dictionary (the same numbers hold in
 * 005010 for these segments). Only the segments and elements the parser reads or checks are listed; an unlisted one
 * gets an empty AK402, which X12 allows.
 */
final class X12ElementReferences {

    private static final Map<String, int[]> BY_SEGMENT = Map.ofEntries(
            // ST01 143 transaction set identifier code, ST02 329 control number; SE01 96 segment count, SE02 329
            Map.entry("ST", new int[] {143, 329}),
            Map.entry("SE", new int[] {96, 329}),
            // BIG01 373 invoice date, BIG02 76 invoice number, BIG03 373 PO date, BIG04 324 PO number,
            // BIG05 328 release number, BIG06 327 change order sequence, BIG07 640 transaction type, BIG08 353 purpose
            Map.entry("BIG", new int[] {373, 76, 373, 324, 328, 327, 640, 353}),
            // REF01 128 reference qualifier, REF02 127 reference identification, REF03 352 description
            Map.entry("REF", new int[] {128, 127, 352}),
            // N101 98 entity identifier, N102 93 name, N103 66 id code qualifier, N104 67 id code
            Map.entry("N1", new int[] {98, 93, 66, 67}),
            // CUR01 98 entity identifier, CUR02 100 currency code, CUR03 280 exchange rate
            Map.entry("CUR", new int[] {98, 100, 280}),
            // DTM01 374 date/time qualifier, DTM02 373 date, DTM03 337 time
            Map.entry("DTM", new int[] {374, 373, 337}),
            // IT101 350 assigned identification, IT102 358 quantity invoiced, IT103 355 unit of measure,
            // IT104 212 unit price, IT105 639 basis of unit price, IT106.. pairs of 235 qualifier / 234 product id
            Map.entry("IT1", new int[] {350, 358, 355, 212, 639, 235, 234, 235, 234, 235, 234, 235, 234, 235, 234,
                    235, 234, 235, 234, 235, 234, 235, 234, 235, 234}),
            // PID01 349 item description type, PID02 750 characteristic code, PID03 559 agency, PID04 751, PID05 352
            Map.entry("PID", new int[] {349, 750, 559, 751, 352}),
            // TDS01 610 total invoice amount, TDS02 610 amount subject to discount, TDS03 610, TDS04 610
            Map.entry("TDS", new int[] {610, 610, 610, 610}),
            // TXI01 963 tax type, TXI02 782 monetary amount, TXI03 954 percent, TXI04 955, TXI05 956, TXI06 441,
            // TXI07 662, TXI08 828 dollar basis, TXI09 325 tax id
            Map.entry("TXI", new int[] {963, 782, 954, 955, 956, 441, 662, 828, 325}),
            // SAC01 248 allowance/charge indicator, SAC02 1300 code, SAC03 559 agency, SAC04 1301 agency code,
            // SAC05 610 amount, SAC06 378 percent qualifier, SAC07 332 percent, SAC08 118 rate, SAC09 355 unit,
            // SAC10 380 quantity, SAC11 380, SAC12 331 handling code, SAC13 127 reference, SAC14 770 option number,
            // SAC15 352 description
            Map.entry("SAC", new int[] {248, 1300, 559, 1301, 610, 378, 332, 118, 355, 380, 380, 331, 127, 770, 352}),
            // CTT01 354 number of line items, CTT02 347 hash total
            Map.entry("CTT", new int[] {354, 347}));

    private X12ElementReferences() {
    }

    /** The data element reference number of {@code segment}'s element at {@code position} (1-based), or null. */
    static Integer of(String segment, int position) {
        int[] references = BY_SEGMENT.get(segment);
        return references == null || position < 1 || position > references.length ? null : references[position - 1];
    }
}
