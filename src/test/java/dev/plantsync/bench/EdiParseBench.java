package dev.plantsync.bench;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plantsync.edi.EdiError;
import dev.plantsync.edi.InvoiceParsers;
import dev.plantsync.edi.InvoiceSink;
import dev.plantsync.edi.ParsedInvoice;

/**
 * Parse throughput on generated files of about 50 MB each (X12 810 and EDIFACT INVOIC, 5 lines per invoice, 1,000
 * invoices per interchange), streaming: run with a small heap ({@code -Xmx256m}) to show it. Run by
 * {@code ops/bench/edi-parse.sh}.
 */
public final class EdiParseBench {

    private EdiParseBench() {
    }

    public static void main(String[] args) throws IOException {
        long targetBytes = (args.length > 0 ? Long.parseLong(args[0]) : 50) * 1024 * 1024;
        Path dir = Files.createTempDirectory("edi-bench");
        Path x12 = dir.resolve("bench-810.edi");
        Path edifact = dir.resolve("bench-invoic.edi");
        generateX12(x12, targetBytes);
        generateEdifact(edifact, targetBytes);
        for (Path file : new Path[] {x12, edifact}) {
            for (int run = 1; run <= 4; run++) { // cold first, then warmed up by the JIT, as in a server
                measure(file, run == 1 ? "cold" : run == 4 ? "warm" : null);
            }
        }
        Files.delete(x12);
        Files.delete(edifact);
        Files.delete(dir);
    }

    private static void measure(Path file, String report) throws IOException {
        long[] counts = new long[3];
        System.gc();
        try (HeapSampler heap = new HeapSampler();
                InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long start = System.nanoTime();
            InvoiceParsers.parse(in, file.getFileName().toString(), InvoiceParsers.Options.defaults(), new InvoiceSink() {
                @Override
                public void invoice(ParsedInvoice parsed) {
                    counts[0]++;
                    counts[1] += parsed.valid() ? 0 : 1;
                }

                @Override
                public void fileError(EdiError error) {
                    counts[2]++;
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            double mb = Files.size(file) / 1024.0 / 1024.0;
            if (report != null) {
                System.out.printf("%-4s %-18s %6.1f MB %9d invoices (%d invalid, %d file errors) %6.2f s %6.1f MB/s "
                        + "%9.0f invoices/s  peak heap %d MB (max %d MB)%n", report, file.getFileName(), mb, counts[0], counts[1],
                        counts[2], seconds, mb / seconds, counts[0] / seconds, heap.peakMb(),
                        Runtime.getRuntime().maxMemory() / 1024 / 1024);
            }
        }
    }

    public static void generateX12(Path file, long targetBytes) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16)) {
            long written = 0;
            int interchange = 0;
            while (written < targetBytes) {
                interchange++;
                StringBuilder s = new StringBuilder(700_000);
                String control = String.format("%09d", interchange);
                s.append("ISA*00*          *00*          *ZZ*ACMEFAST       *ZZ*PLANTSYNC      *261120*1200*U*00401*")
                        .append(control).append("*0*P*>~\n");
                s.append("GS*IN*ACMEFAST*PLANTSYNC*20261120*1200*").append(interchange).append("*X*004010~\n");
                for (int t = 1; t <= 1000; t++) {
                    int segments = 0;
                    StringBuilder tx = new StringBuilder();
                    tx.append("ST*810*").append(String.format("%04d", t)).append("~\n");
                    tx.append("BIG*20261120*INV-").append(interchange).append('-').append(t).append("**PO-ACME-0001~\n");
                    tx.append("N1*SE*Acme Fasteners Inc.*92*ACMEFAST~\n");
                    segments += 3;
                    double total = 0;
                    for (int l = 1; l <= 5; l++) {
                        tx.append("IT1*").append(l).append("*10*EA*1.25**VP*ACME-100").append(l).append("*BP*PS-R00")
                                .append(l).append("~\nPID*F****Raw material ").append(l).append("~\n");
                        total += 12.5;
                        segments += 2;
                    }
                    tx.append("TDS*").append(Math.round(total * 100)).append("~\nCTT*5~\n");
                    segments += 3;
                    tx.append("SE*").append(segments).append('*').append(String.format("%04d", t)).append("~\n");
                    s.append(tx);
                }
                s.append("GE*1000*").append(interchange).append("~\nIEA*1*").append(control).append("~\n");
                w.write(s.toString());
                written += s.length();
            }
        }
    }

    public static void generateEdifact(Path file, long targetBytes) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16)) {
            long written = 0;
            int interchange = 0;
            w.write("UNA:+.? '\n");
            while (written < targetBytes) {
                interchange++;
                StringBuilder s = new StringBuilder(900_000);
                String control = "BS" + interchange;
                s.append("UNB+UNOC:3+4012345000009:14+PLANTSYNC:ZZZ+261120:1200+").append(control).append("'\n");
                for (int m = 1; m <= 1000; m++) {
                    int segments = 0;
                    StringBuilder msg = new StringBuilder();
                    String ref = "M" + m;
                    msg.append("UNH+").append(ref).append("+INVOIC:D:96A:UN'\nBGM+380+BS-").append(interchange).append('-')
                            .append(m).append("+9'\nDTM+137:20261120:102'\nRFF+ON:PO-BALTIC-0001'\n"
                                    + "NAD+SU+4012345000009::9++Baltic Steel GmbH'\nCUX+2:EUR:4'\n");
                    segments += 6;
                    for (int l = 1; l <= 5; l++) {
                        msg.append("LIN+").append(l).append("++BS-100").append(l).append(":SA'\nIMD+F++:::Raw material ")
                                .append(l).append("'\nQTY+47:10:PCE'\nMOA+203:12.50'\nPRI+AAA:1.25'\n");
                        segments += 5;
                    }
                    msg.append("UNS+S'\nMOA+79:62.50'\nMOA+77:62.50'\n");
                    segments += 3;
                    msg.append("UNT+").append(segments + 1).append('+').append(ref).append("'\n");
                    s.append(msg);
                }
                s.append("UNZ+1000+").append(control).append("'\n");
                w.write(s.toString());
                written += s.length();
            }
        }
    }
}
