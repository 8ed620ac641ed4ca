package dev.plantsync.edi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutated and truncated EDI and CSV bytes (seeded, so every failure can be replayed): the parsers only ever return
 * invoices or located errors; they never throw and never hang. Besides random mutations, targeted corruptions of what
 * partners' files really get wrong: very long elements and lines, bytes that are not UTF-8, decimal marks mixed up,
 * and broken envelopes (control numbers that disagree, trailers missing or cut off) - a broken envelope is never
 * accepted without an error.
 */
class ParserFuzzTest {

    private static final List<String> SAMPLES = List.of("x12-810-004010-two-invoices.edi", "x12-810-005010-with-tax.edi",
            "edifact-invoic-d96a-two-messages.edi", "edifact-invoic-d01b-with-tax.edi", "csv-two-invoices.csv",
            "csv-bom-semicolon.csv", "edifact-invoic-d96a-decimal-comma.edi", "edifact-invoic-d96a-summary-tax-per-rate.edi",
            "x12-810-004010-ge-mismatch.edi");

    static Stream<Arguments> mutations() {
        return SAMPLES.stream().flatMap(sample -> IntStream.range(0, 120).mapToObj(seed -> Arguments.of(sample, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("mutations")
    void mutatedInputGivesInvoicesOrLocatedErrors(String sample, int seed) throws IOException {
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/edi/" + sample)) {
            original = in.readAllBytes();
        }
        byte[] mutated = mutate(original, new Random(seed * 31L + sample.hashCode()));
        CollectingSink sink = new CollectingSink();

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> InvoiceParsers.parse(new ByteArrayInputStream(mutated),
                sample, InvoiceParsers.Options.defaults(), sink));

        if (!new String(mutated, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            assertThat(sink.invoices.size() + sink.fileErrors.size()).as("content gives invoices or errors, never "
                    + "nothing").isPositive();
        }
        for (ParsedInvoice parsed : sink.invoices) {
            assertThat(parsed.invoice() != null || !parsed.errors().isEmpty()).isTrue();
            parsed.errors().forEach(ParserFuzzTest::located);
        }
        sink.fileErrors.forEach(ParserFuzzTest::located);
    }

    /** What a partner's file gets wrong, aimed at the place it happens. */
    enum Corruption {
        /** An element (or CSV field) of 5,000 to 80,000 characters. */
        LONG_ELEMENT,
        /** One segment or row of 100,000+ characters made of many short elements. */
        LONG_LINE,
        /** Bytes that are not UTF-8 (a lone continuation byte, a cut sequence, an overlong form, a surrogate). */
        INVALID_UTF8,
        /** An amount written with the other decimal mark, or with a thousands separator. */
        MIXED_DECIMALS,
        /** A trailer's control number changed (IEA02/ISA13, GE02/GS06, SE02/ST02, UNZ/UNB, UNE/UNG, UNT/UNH). */
        CONTROL_NUMBER,
        /** A trailer's count changed (IEA01, GE01, SE01, UNZ, UNE, UNT). */
        TRAILER_COUNT,
        /** A trailer removed. */
        MISSING_TRAILER,
        /** The file cut off inside or just before a trailer. */
        TRUNCATED_TRAILER
    }

    private static final List<String> TARGETS = List.of("x12-810-004010-two-invoices.edi", "x12-810-005010-with-tax.edi",
            "edifact-invoic-d96a-two-messages.edi", "edifact-invoic-d01b-with-tax.edi", "csv-two-invoices.csv",
            "real-world/x12-810-two-interchanges.edi", "real-world/edifact-una-custom-delimiters.edi",
            "real-world/edifact-two-interchanges-crlf.edi", "real-world/x12-810-newline-terminator.edi",
            "real-world/csv-quoted-multiline.csv", "real-world/edifact-unod-latin2.edi");

    static Stream<Arguments> corruptions() {
        return Stream.of(Corruption.values()).flatMap(c -> TARGETS.stream().flatMap(sample -> IntStream.range(0, 12)
                .mapToObj(seed -> Arguments.of(c, sample, seed))));
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("corruptions")
    void corruptedInputGivesInvoicesOrLocatedErrors(Corruption corruption, String sample, int seed) throws IOException {
        byte[] original;
        try (InputStream in = getClass().getResourceAsStream("/edi/" + sample)) {
            original = in.readAllBytes();
        }
        Random random = new Random(seed * 131L + sample.hashCode() + corruption.ordinal());
        byte[] corrupted = corrupt(corruption, original, random);
        if (corrupted == null) {
            return; // nothing of that kind in this sample (a CSV file has no envelope)
        }
        CollectingSink sink = new CollectingSink();

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> InvoiceParsers.parse(
                new ByteArrayInputStream(corrupted), sample, InvoiceParsers.Options.defaults(), sink));

        assertThat(sink.invoices.size() + sink.fileErrors.size()).as("content gives invoices or errors").isPositive();
        for (ParsedInvoice parsed : sink.invoices) {
            assertThat(parsed.invoice() != null || !parsed.errors().isEmpty()).isTrue();
            parsed.errors().forEach(ParserFuzzTest::located);
        }
        sink.fileErrors.forEach(ParserFuzzTest::located);
        if (corruption.ordinal() >= Corruption.CONTROL_NUMBER.ordinal()) {
            assertThat(sink.allErrors()).as("a broken envelope is never accepted silently").isNotEmpty();
        }
        if (corruption == Corruption.INVALID_UTF8 && sample.endsWith(".csv")) {
            assertThat(sink.fileErrors).extracting(EdiError::code).contains(EdiError.Code.BAD_ENCODING);
        }
    }

    /** The corrupted bytes, or null when the sample has nothing to corrupt that way. */
    static byte[] corrupt(Corruption corruption, byte[] input, Random random) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        boolean csv = !text.startsWith("ISA") && !text.startsWith("UN");
        char separator = csv ? ',' : text.startsWith("ISA") ? text.charAt(3) : text.startsWith("UNA") ? text.charAt(4)
                : '+';
        List<int[]> segments = segments(text, csv);
        switch (corruption) {
            case LONG_ELEMENT -> {
                int at = afterSeparator(text, separator, random);
                return splice(text, at, at, "L".repeat(5_000 + random.nextInt(75_000)));
            }
            case LONG_LINE -> {
                int[] segment = segments.get(1 + random.nextInt(segments.size() - 1));
                return splice(text, segment[1] - 1, segment[1] - 1, (separator + "7").repeat(50_000
                        + random.nextInt(20_000)));
            }
            case INVALID_UTF8 -> {
                byte[][] bad = {{(byte) 0x80}, {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80}, {(byte) 0xFF}};
                int at = afterSeparator(text, separator, random);
                return splice(text, at, at, new String(bad[random.nextInt(bad.length)], StandardCharsets.ISO_8859_1));
            }
            case MIXED_DECIMALS -> {
                java.util.regex.Matcher amounts = java.util.regex.Pattern.compile("\\d+\\.\\d+").matcher(text);
                List<int[]> found = new java.util.ArrayList<>();
                while (amounts.find()) {
                    found.add(new int[] {amounts.start(), amounts.end()});
                }
                if (found.isEmpty()) {
                    return null;
                }
                int[] amount = found.get(random.nextInt(found.size()));
                String value = text.substring(amount[0], amount[1]);
                String[] forms = {value.replace('.', ','), "1." + value.replace('.', ','), "1," + value, value + ".5"};
                return splice(text, amount[0], amount[1], forms[random.nextInt(forms.length)]);
            }
            default -> {
                if (csv) {
                    return null;
                }
                List<int[]> trailers = segments.stream().filter(sg -> TRAILERS.contains(tag(text, sg))).toList();
                int[] trailer = trailers.get(random.nextInt(trailers.size()));
                String segment = text.substring(trailer[0], trailer[1]);
                int elementStart = segment.indexOf(separator);
                int secondStart = segment.indexOf(separator, elementStart + 1);
                int end = segment.length() - 1; // the terminator stays
                return switch (corruption) {
                    case CONTROL_NUMBER -> splice(text, trailer[0] + secondStart + 1, trailer[0] + end, "X9" + random
                            .nextInt(1000));
                    case TRAILER_COUNT -> splice(text, trailer[0] + elementStart + 1, trailer[0] + secondStart,
                            String.valueOf(90 + random.nextInt(9)));
                    case MISSING_TRAILER -> splice(text, trailer[0], trailer[1], "");
                    default -> java.util.Arrays.copyOf(input, trailer[0] + random.nextInt(Math.max(1, segment.length()
                            - 1)));
                };
            }
        }
    }

    private static final java.util.Set<String> TRAILERS = java.util.Set.of("IEA", "GE", "SE", "UNZ", "UNE", "UNT");

    /** [start, end) of each segment (X12 / EDIFACT: up to and including its terminator; CSV: each line). */
    private static List<int[]> segments(String text, boolean csv) {
        char terminator = csv ? '\n' : text.startsWith("ISA") ? text.charAt(105) : text.startsWith("UNA") ? text.charAt(8)
                : '\'';
        List<int[]> out = new java.util.ArrayList<>();
        int start = text.startsWith("UNA") ? 9 : 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) == terminator && (i == 0 || text.charAt(i - 1) != '?' || csv || text.startsWith("ISA"))) {
                out.add(new int[] {start, i + 1});
                start = i + 1;
                while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
                    start++;
                }
                i = start - 1;
            }
        }
        return out;
    }

    private static String tag(String text, int[] segment) {
        String s = text.substring(segment[0], Math.min(segment[1], segment[0] + 4));
        return s.length() >= 3 && Character.isLetter(s.charAt(2)) ? s.substring(0, 3) : s.substring(0, 2);
    }

    private static int afterSeparator(String text, char separator, Random random) {
        int from = random.nextInt(text.length());
        int at = text.indexOf(separator, from);
        return at < 0 ? text.indexOf(separator) + 1 : at + 1;
    }

    private static byte[] splice(String text, int from, int to, String replacement) {
        return (text.substring(0, from) + replacement + text.substring(to)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void located(EdiError e) {
        assertThat(e.file()).isNotBlank();
        assertThat(e.reason()).isNotBlank();
        assertThat(e.code()).isNotNull();
    }

    static byte[] mutate(byte[] input, Random random) {
        byte[] out = input.clone();
        int operations = 1 + random.nextInt(6);
        for (int i = 0; i < operations && out.length > 0; i++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(7)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, at); // truncate
                case 2 -> { // delete a run
                    int len = Math.min(out.length - at, 1 + random.nextInt(40));
                    byte[] shorter = new byte[out.length - len];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + len, shorter, at, out.length - at - len);
                    out = shorter;
                }
                case 3 -> { // insert delimiters and junk
                    byte[] junk = {'*', '~', '+', ':', '\'', '?', ',', '"', '\n', (byte) random.nextInt(256)};
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = junk[random.nextInt(junk.length)];
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                case 4 -> { // duplicate a chunk (repeated segments)
                    int len = Math.min(out.length - at, 1 + random.nextInt(60));
                    byte[] longer = new byte[out.length + len];
                    System.arraycopy(out, 0, longer, 0, at + len);
                    System.arraycopy(out, at, longer, at + len, out.length - at);
                    out = longer;
                }
                case 5 -> { // an element longer than the reader holds
                    byte[] text = "free text ".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    byte[] longer = new byte[out.length + text.length];
                    System.arraycopy(out, 0, longer, 0, at);
                    System.arraycopy(text, 0, longer, at, text.length);
                    System.arraycopy(out, at, longer, at + text.length, out.length - at);
                    out = longer;
                }
                default -> out[at] = (byte) ('0' + random.nextInt(10));
            }
        }
        return out;
    }
}
