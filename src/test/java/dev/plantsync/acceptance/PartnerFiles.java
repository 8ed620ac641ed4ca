package dev.plantsync.acceptance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Partner files written here from the standards, segment by segment, not by PlantSync's own writer: what a supplier's
 * system would send. Dated today (UTC): Odoo refuses nothing for it (no lock date), and a bill's date is the
 * invoice's.
 */
final class PartnerFiles {

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private PartnerFiles() {
    }

    /** ANSI X12 810 (004010) as a partner writes it: ISA is fixed width, SE counts its segments, TDS has cents. */
    static final class X12 {

        static String it1(int n, String qty, String price, String buyerItem) {
            return "IT1*" + n + "*" + qty + "*EA*" + price + "**BP*" + buyerItem;
        }

        /** One transaction set; {@code body}: IT1/SAC/TXI segments; {@code cents}: TDS01, the invoice total. */
        static String invoice(int st, String number, List<String> pos, List<String> body, long cents) {
            List<String> s = new ArrayList<>();
            String control = String.format("%04d", st);
            s.add("ST*810*" + control);
            s.add("BIG*" + TODAY.toString().replace("-", "") + "*" + number + "**" + pos.get(0));
            for (String po : pos.subList(1, pos.size())) {
                s.add("REF*PO*" + po);
            }
            s.add("N1*SE*Supplier*92*SUPPLIER");
            int items = 0;
            for (String b : body) {
                if (b.startsWith("TXI") || b.startsWith("SAC")) {
                    continue;
                }
                s.add(b);
                items++;
            }
            s.add("TDS*" + cents);
            body.stream().filter(b -> b.startsWith("TXI")).forEach(s::add);
            body.stream().filter(b -> b.startsWith("SAC")).forEach(s::add);
            s.add("CTT*" + items);
            s.add("SE*" + (s.size() + 1) + "*" + control);
            return String.join("~\n", s) + "~\n";
        }

        static String interchange(String sender, String control, List<String> transactions) {
            String date = TODAY.toString().replace("-", "");
            int group = Integer.parseInt(control);
            String isa = "ISA*00*          *00*          *ZZ*" + pad(sender) + "*ZZ*" + pad("PLANTSYNC") + "*"
                    + date.substring(2) + "*1200*U*00401*" + control + "*0*P*>~\n";
            if (isa.length() != 107) {
                throw new IllegalStateException("ISA must be 106 characters: " + isa);
            }
            return isa + "GS*IN*" + sender + "*PLANTSYNC*" + date + "*1200*" + group + "*X*004010~\n"
                    + String.join("", transactions) + "GE*" + transactions.size() + "*" + group + "~\n"
                    + "IEA*1*" + control + "~\n";
        }

        private static String pad(String id) {
            return String.format("%-15s", id);
        }
    }

    /** UN/EDIFACT INVOIC D.96A as a partner writes it: UNT counts the message's segments, UNZ its messages. */
    static final class Edifact {

        static String invoice(String reference, String number, String po, List<String> body) {
            List<String> s = new ArrayList<>();
            s.add("UNH+" + reference + "+INVOIC:D:96A:UN");
            s.add("BGM+380+" + number + "+9");
            s.add("DTM+137:" + TODAY.toString().replace("-", "") + ":102");
            s.add("RFF+ON:" + po);
            s.add("NAD+SU+SUPPLIER::9++Supplier");
            s.addAll(body);
            s.add("UNT+" + (s.size() + 1) + "+" + reference);
            return String.join("'\n", s) + "'\n";
        }

        static String interchange(String sender, String reference, List<String> messages) {
            return "UNA:+.? '\nUNB+UNOC:3+" + sender + ":ZZZ+PLANTSYNC:ZZZ+"
                    + TODAY.toString().replace("-", "").substring(2) + ":1200+" + reference + "'\n"
                    + String.join("", messages) + "UNZ+" + messages.size() + "+" + reference + "'\n";
        }
    }
}
